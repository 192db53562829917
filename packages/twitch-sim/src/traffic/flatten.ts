let sink = 0;

/**
 * Makes V8 store a string built by `+=` as one flat buffer instead of a tree of pieces. A kept
 * message id or text built from 20 pieces otherwise holds ~10× its size; with 20,000 channels'
 * recent messages that is hundreds of MB. Reading a character flattens the string in place; the
 * result goes to a module variable so the read cannot be optimized away.
 */
export function flatten(s: string): string {
  sink ^= s.charCodeAt(0);
  return s;
}

/** Keeps `sink` observable (never needed by callers). */
export function flattenSink(): number {
  return sink;
}
