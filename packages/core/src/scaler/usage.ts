/**
 * Share of the worker pool's target capacity in use: assigned / (workers × channelsPerWorker).
 * No workers: 0 when nothing is assigned, else Infinity (any channel needs a worker). Division is
 * exact to the nearest double, so 35 of 50 gives exactly 0.7 and boundary checks behave.
 */
export function usage(assigned: number, workers: number, channelsPerWorker: number): number {
  if (workers <= 0) return assigned > 0 ? Number.POSITIVE_INFINITY : 0;
  return assigned / (workers * channelsPerWorker);
}

/** Fewest workers that keep usage at or below `limit`. */
export function workersFor(assigned: number, channelsPerWorker: number, limit: number): number {
  let n = Math.ceil(assigned / (limit * channelsPerWorker));
  // The estimate can be off by one through rounding; settle it with the exact comparison.
  while (usage(assigned, n, channelsPerWorker) > limit) n++;
  while (n > 0 && usage(assigned, n - 1, channelsPerWorker) <= limit) n--;
  return n;
}

/**
 * Target for a supervisor that just joined: the average of the others' targets, rounded and
 * clamped, so it shares the load at once instead of starting at `min` (the original's issue #8).
 */
export function initialTarget(otherTargets: readonly number[], min: number, max: number): number {
  if (otherTargets.length === 0) return min;
  const average = otherTargets.reduce((a, b) => a + b, 0) / otherTargets.length;
  return Math.min(max, Math.max(min, Math.round(average)));
}
