// A store to a heap object that outlives the call, so neither V8 nor a bundler drops the read.
const sink = { value: 0 };

/**
 * Makes V8 store a string built by `+=` as one flat buffer instead of a tree of pieces. A kept
 * message id or text built from 20 pieces otherwise holds ~10× its size; with 20,000 channels'
 * recent messages that is hundreds of MB. Reading a character flattens the string in place; the
 * result is stored so the read cannot be optimized away.
 */
export function flatten(s: string): string {
  sink.value ^= s.charCodeAt(0);
  return s;
}
