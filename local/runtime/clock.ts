/**
 * The world clock: the time that executions see through `new Date()`, `Date.now()`, cache expiry,
 * state-token expiry and `Utilities.sleep`. It only moves when a test sets or advances it.
 */
export class Clock {
  private epochMilliseconds: number;

  constructor(startEpochMs: number = Date.UTC(2024, 4, 6, 12, 0, 0)) {
    this.epochMilliseconds = startEpochMs;
  }

  now(): number {
    return this.epochMilliseconds;
  }

  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new Error(`Clock.set needs a finite epoch time in milliseconds, got ${epochMs}`);

    this.epochMilliseconds = epochMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Clock.advance needs a non-negative number of milliseconds, got ${ms}`);

    this.epochMilliseconds += ms;
  }
}
