/** Narrowest span the charts show, so the first seconds after opening are not one vertical line. */
const MIN_SPAN_SECONDS = 60;

/**
 * The x-range (seconds) of a live chart: the data it has, growing until it covers `windowSeconds`
 * and then sliding, never narrower than a minute.
 */
export function chartWindow(
  min: number | null,
  max: number | null,
  windowSeconds: number,
  nowSeconds: number,
): [number, number] {
  const hi = max ?? nowSeconds;
  let lo = Math.max(min ?? hi, hi - windowSeconds);
  if (hi - lo < MIN_SPAN_SECONDS) lo = hi - MIN_SPAN_SECONDS;
  return [lo, hi];
}
