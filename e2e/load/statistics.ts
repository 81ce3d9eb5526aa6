/**
 * The summaries every scenario reports. Medians of runs decide the goals (the issue asks for
 * the median of per-run ratios over at least four runs), so with an even count they are the
 * mean of the two middle values, not the upper one: until 8 December `median` took the upper
 * middle, which put every four-run median at the second-worst run.
 */

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round = (n: number) => Math.round(n * 10) / 10;

/** `min / median / max` of a list, for tables. */
export const spread = (values: number[]) =>
  `${round(Math.min(...values))} / ${round(median(values))} / ${round(Math.max(...values))}`;
