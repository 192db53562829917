/** Polls `cond` until it returns a truthy value (returned) or `timeoutMs` passes (throws). */
export async function waitFor<T>(
  cond: () => T | undefined | null | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = cond();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Resolves on the first matching event, rejects after `timeoutMs`. */
export function nextEvent<A extends unknown[]>(
  subscribe: (fn: (...args: A) => void) => void,
  timeoutMs = 5000,
  what = 'event',
): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
    subscribe((...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}
