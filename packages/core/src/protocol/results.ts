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

/** Outcome of one `say`. */
export type SayResult =
  | {
      status: 'sent';
      channel: string /** Twitch's id of the sent message (from USERSTATE). */;
      messageId: string | null;
      parts: number;
    }
  | { status: 'rate_limited'; channel: string; retryAfterMs: number }
  | {
      status: 'rejected';
      channel: string /** Twitch's NOTICE msg-id (msg_duplicate, msg_banned …) or ours. */;
      reason: string;
    }
  | {
      status: 'duplicate';
      channel: string /** The idempotency key was already used. */;
      idempotencyKey: string;
    };

/**
 * What the coordinator appends to `Streams.replies(respondTo)` for a command that carried
 * `respondTo`; `requestId` is copied from the command.
 */
export type CoordinatorReply =
  | { type: 'join'; requestId?: string; result: JoinResult }
  /** `parted`: channels that were wanted and are now parted everywhere; the rest were not wanted. */
  | { type: 'part'; requestId?: string; parted: string[] }
  | { type: 'authorize' | 'revoke'; requestId?: string; channels: string[] };
