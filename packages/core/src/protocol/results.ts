import { z } from 'zod';

/**
 * Outcome of a join request per channel, with the original's four groups:
 * `resolved` (placed on a worker now), `ignored` (already joined or placed),
 * `rejected` (no capacity or no live worker: kept in the join queue and retried),
 * `unauthorized` (the channel manager refused it).
 */
export interface JoinResult {
  resolved: Record<string, string>;
  ignored: Record<string, string>;
  rejected: string[];
  unauthorized: string[];
}

/**
 * Why a say was refused, when the worker decided it (Twitch's own refusals carry the NOTICE msg-id
 * instead: `msg_ratelimit`, `msg_duplicate`, `msg_banned`, `msg_timedout`, `msg_channel_suspended` …).
 * `msg_duplicate` is both: the worker refuses a repeat locally so it does not spend Twitch's budget.
 */
export const sayRejectReasons = [
  /** The worker does not hold the channel (not joined, parted, or its join failed). */
  'not_joined',
  /** The worker reads anonymously (`justinfan…`) and cannot send. */
  'anonymous',
  /** Empty or only white space. */
  'empty',
  /** Over 500 characters with `overLength: 'reject'`, or more parts than one window allows. */
  'too_long',
  /** A `/command` other than `/me`: Twitch removed them from IRC (it would answer `unrecognized_cmd`). */
  'unsupported_command',
  /** The channel's connection is down (reconnecting); try again shortly. */
  'not_connected',
  /**
   * The sender account could not get into the channel in time: its 100 concurrent channels are
   * taken and none could be freed (`say` waits up to the worker's seat timeout), or its JOIN failed.
   */
  'no_seat',
  /** Same text as the previous message in the channel less than 30 s ago (Twitch's rule, checked locally). */
  'msg_duplicate',
  /** restrictMessages is on and the channel manager does not authorize the channel; nothing was sent. */
  'unauthorized',
] as const;
export type SayRejectReason = (typeof sayRejectReasons)[number];

/** Outcome of one `say`; validate with this schema when reading a reply. */
export const sayResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('sent'),
    channel: z.string(),
    /** Twitch's id of the (first) sent message, from the USERSTATE that acknowledges it; null when none came in time. */
    messageId: z.string().nullable(),
    /** How many PRIVMSGs the text took (more than 1 when it was split at 500 characters). */
    parts: z.number().int().min(1),
    /** Each part's id, in order (null where no USERSTATE came in time). */
    messageIds: z.array(z.string().nullable()).optional(),
  }),
  z.object({
    status: z.literal('rate_limited'),
    channel: z.string(),
    /** When the budget allows it again, if nobody else takes any meanwhile. */
    retryAfterMs: z.number().min(0),
    /** Parts already sent before a later one ran out of budget (split messages only). */
    partsSent: z.number().int().min(0).optional(),
  }),
  z.object({
    status: z.literal('rejected'),
    channel: z.string(),
    /** Twitch's NOTICE msg-id (msg_duplicate, msg_banned …) or one of {@link sayRejectReasons}. */
    reason: z.string(),
    /** Parts already sent before a later one was refused (split messages only). */
    partsSent: z.number().int().min(0).optional(),
  }),
  z.object({
    status: z.literal('duplicate'),
    channel: z.string(),
    /** The idempotency key that was already used. */
    idempotencyKey: z.string(),
  }),
]);
export type SayResult = z.infer<typeof sayResultSchema>;

/** What a worker appends to `Streams.replies(respondTo)` for a say command. */
export const sayReplySchema = z.object({
  type: z.literal('say'),
  requestId: z.string(),
  result: sayResultSchema,
});
export type SayReply = z.infer<typeof sayReplySchema>;

/**
 * What the coordinator appends to `Streams.replies(respondTo)` for a command that carried
 * `respondTo`; `requestId` is copied from the command.
 */
export type CoordinatorReply =
  | { type: 'join'; requestId?: string; result: JoinResult }
  /** `parted`: channels that were wanted and are now parted everywhere; the rest were not wanted. */
  | { type: 'part'; requestId?: string; parted: string[] }
  | { type: 'authorize' | 'revoke'; requestId?: string; channels: string[] };
