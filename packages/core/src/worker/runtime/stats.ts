/** Counters of one worker runtime, for heartbeats and status(); plain numbers, bumped in place. */
export interface RuntimeStats {
  /** Every inbound line. */
  linesIn: number;
  /** Inbound chat messages (PRIVMSG). */
  messagesIn: number;
  /** PRIVMSGs this worker sent (say parts and raw PRIVMSG lines). */
  messagesOut: number;
  /** Twitch RECONNECTs plus connections that came back after an unexpected loss. */
  reconnects: number;
  /** Gap reports: channels that may have missed lines. */
  gaps: number;
  commandsExecuted: number;
  deadLettered: number;
  staleFence: number;
  saysSent: number;
  saysRejected: number;
  saysRateLimited: number;
  saysDuplicate: number;
}

export function emptyStats(): RuntimeStats {
  return {
    linesIn: 0,
    messagesIn: 0,
    messagesOut: 0,
    reconnects: 0,
    gaps: 0,
    commandsExecuted: 0,
    deadLettered: 0,
    staleFence: 0,
    saysSent: 0,
    saysRejected: 0,
    saysRateLimited: 0,
    saysDuplicate: 0,
  };
}
