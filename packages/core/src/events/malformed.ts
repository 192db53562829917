/**
 * Thrown by a kind parser when a line lacks what its kind requires (a channel, a sender). Only
 * {@link parseChatEvent} catches it, turning the line into a `raw` event with `error` set, so
 * the kind parsers can stay straight-line code.
 */
export class MalformedLineError extends Error {
  override name = 'MalformedLineError';
}

/** Throws {@link MalformedLineError}; reads as an expression: `x ?? malformed('no x')`. */
export function malformed(reason: string): never {
  throw new MalformedLineError(reason);
}
