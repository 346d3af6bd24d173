/** Half-open time intervals in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Returns the total length covered by the intervals, counting overlaps once. */
export function unionLength(intervals: readonly Interval[]): number {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let currentStart = Number.NaN;
  let currentEnd = Number.NaN;

  for (const interval of sorted) {
    if (Number.isNaN(currentStart) || interval.start > currentEnd) {
      if (!Number.isNaN(currentStart)) total += currentEnd - currentStart;

      currentStart = interval.start;
      currentEnd = interval.end;
      continue;
    }

    if (interval.end > currentEnd) currentEnd = interval.end;
  }

  if (!Number.isNaN(currentStart)) total += currentEnd - currentStart;

  return total;
}

/** Returns the part of the interval inside the window, or null when they do not overlap. */
export function clip(interval: Interval, window: Interval): Interval | null {
  const start = Math.max(interval.start, window.start);
  const end = Math.min(interval.end, window.end);

  return end > start ? { start, end } : null;
}
