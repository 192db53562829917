import { z } from 'zod';

/**
 * Why a join failed, in Twitch's words where Twitch gives one (the NOTICE msg-id), else ours:
 * `no_answer` when Twitch stayed silent (it does for channels that do not exist) after retries.
 */
export const joinFailureReasons = [
  'msg_channel_suspended',
  'msg_banned',
  'msg_channel_blocked',
  'tos_ban',
  'no_answer',
  'rate_limited',
  'concurrent_limit',
] as const;
export type JoinFailureReason = (typeof joinFailureReasons)[number];

/** What a worker tells the coordinator about channel state; derived from the server's own lines. */
export const workerReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    workerId: z.string(),
    connectionId: z.string(),
    channel: z.string(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('join-failed'),
    workerId: z.string(),
    channel: z.string(),
    reason: z.enum(joinFailureReasons),
    at: z.number(),
  }),
  z.object({
    type: z.literal('parted'),
    workerId: z.string(),
    channel: z.string(),
    /** `requested` (we sent PART), `banned` (Twitch sent us a PART), `connection-lost`. */
    reason: z.enum(['requested', 'banned', 'connection-lost']),
    at: z.number(),
  }),
  z.object({
    /** Lines of `channel` may be missing between `from` and `to` (unexpected disconnect). */
    type: z.literal('gap'),
    workerId: z.string(),
    connectionId: z.string(),
    channel: z.string(),
    from: z.number(),
    to: z.number(),
  }),
  z.object({
    /** The identity is moderator/broadcaster/VIP there (USERSTATE): higher PRIVMSG tier, exempt from the 100-channel rule. */
    type: z.literal('privileged'),
    workerId: z.string(),
    identity: z.string(),
    channel: z.string(),
    privileged: z.boolean(),
  }),
]);
export type WorkerReport = z.infer<typeof workerReportSchema>;
