/** p50, p95 and p99 of a list of milliseconds, rounded to hundredths, with the count. */
export function percentiles(values: ReadonlyArray<number>): {
  queries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
} {
  const sorted = [...values].sort((left, right) => left - right);
  const at = (share: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 100) / 100;
  return { queries: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}
