/** Envelope fields the worker records when a line arrives; passed through unchanged. */
export interface EventMeta {
  /** Local wall-clock time (ms since the epoch) at which the receiver read the line. */
  receivedAt: number;
  /** The IRC connection that read it (see docs/architecture.md, receiver ids). */
  receiverId: string;
}

/** Fields every {@link ChatEvent} carries, whatever its type. */
export interface EventBase extends EventMeta {
  /** The line exactly as received, so nothing Twitch sent is ever lost to the parser. */
  raw: string;
  /**
   * Every IRCv3 tag of the line, unescaped (null-prototype object). Typed fields cover the
   * documented tags; this keeps the rest (shared-chat `source-*`, new tags Twitch adds).
   */
  tags: Readonly<Record<string, string>>;
}
