export interface Poller {
  /** Runs now (unless a run is in flight), then keeps the schedule. */
  refresh(): void;
  stop(): void;
}

/**
 * Calls `run` now and then every `intervalMs` after the previous run finished, never two at a
 * time, until stopped (tables the SSE stream does not carry: supervisors, workers, a channel).
 * A failed run is reported and the schedule goes on, so a down server is retried by itself.
 */
export function poll(
  run: () => Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void = () => {},
): Poller {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (stopped || running) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    running = true;
    try {
      await run();
    } catch (err) {
      if (!stopped) onError(err);
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    }
  };
  void tick();
  return {
    refresh: () => void tick(),
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
