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

/**
 * The login whose connection saw it. Optional on the wire (older workers leave it out); a worker
 * with a separate sender (see the seat reports) never sends the sender's channel reports as these.
 */
const identity = z.string().optional();

/** What a worker tells the coordinator about channel state; derived from the server's own lines. */
export const workerReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    workerId: z.string(),
    connectionId: z.string(),
    channel: z.string(),
    at: z.number(),
    identity,
  }),
  z.object({
    type: z.literal('join-failed'),
    workerId: z.string(),
    channel: z.string(),
    reason: z.enum(joinFailureReasons),
    at: z.number(),
    identity,
  }),
  z.object({
    type: z.literal('parted'),
    workerId: z.string(),
    identity,
    channel: z.string(),
    /** `requested` (we sent PART), `banned` (Twitch sent us a PART), `connection-lost`. */
    reason: z.enum(['requested', 'banned', 'connection-lost']),
    at: z.number(),
  }),
  z.object({
    /** Lines of `channel` may be missing between `from` and `to` (unexpected disconnect). */
    type: z.literal('gap'),
    workerId: z.string(),
    identity,
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
    /**
     * Moderator or broadcaster there (not VIP): the channel does not count toward the account's
     * 100 concurrent channels. Absent from older workers: then `privileged` stands in for it.
     */
    exempt: z.boolean().optional(),
  }),
  z.object({
    /**
     * The worker's sender account must sit in `channel` to send there (Twitch drops a PRIVMSG to a
     * channel the connection has not joined): asks the coordinator for one of the account's
     * concurrent-channel seats. Answered with a `seat` command (after an `unseat` elsewhere when
     * the budget is full).
     */
    type: z.literal('seat-wanted'),
    workerId: z.string(),
    identity: z.string(),
    channel: z.string(),
    at: z.number(),
  }),
  z.object({
    /** The sender sent in these seated channels at `at` (sent at most every few seconds per channel): keeps them off the eviction list. */
    type: z.literal('seat-used'),
    workerId: z.string(),
    identity: z.string(),
    channels: z.array(z.string()).min(1),
    at: z.number(),
  }),
  z.object({
    /**
     * The sender left `channel` (PART confirmed), or never got in (`reason` = the join failure):
     * the seat is free again.
     */
    type: z.literal('seat-released'),
    workerId: z.string(),
    identity: z.string(),
    channel: z.string(),
    reason: z.string().optional(),
  }),
]);
export type WorkerReport = z.infer<typeof workerReportSchema>;
