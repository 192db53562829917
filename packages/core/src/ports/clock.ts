/**
 * Time as the cluster sees it. Every loop, timeout and window goes through a Clock so tests can
 * drive time instead of sleeping (STYLE.md #13).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` once after `ms`; the returned handle cancels it. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Calls `fn` every `ms` until cancelled. */
  setInterval(fn: () => void, ms: number): TimerHandle;
}

/** A scheduled call that can be cancelled; cancelling twice is harmless. */
export interface TimerHandle {
  cancel(): void;
}
