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
