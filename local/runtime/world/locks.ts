import { setTimeout, clearTimeout } from 'node:timers';

interface Waiter {
  executionId: string;
  resolve: (acquired: boolean) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface LockState {
  owner: string | null;
  waiters: Waiter[];
}

/**
 * The script, user and document locks shared by all executions. A lock belongs to one execution
 * at a time; waits are served first come, first served. Timers come from node:timers so that
 * jest's fake timers cannot freeze a wait.
 */
export class LockTable {
  private readonly locks = new Map<string, LockState>();

  /** Takes the lock if it is free or already this execution's; never waits. */
  tryAcquire(executionId: string, key: string): boolean {
    const state = this.state(key);

    if (state.owner === executionId) return true;

    if (state.owner !== null || state.waiters.length > 0) return false;

    state.owner = executionId;

    return true;
  }

  /** Takes the lock, waiting up to timeoutMilliseconds of real time; resolves false on timeout. */
  acquire(executionId: string, key: string, timeoutMilliseconds: number): Promise<boolean> {
    if (this.tryAcquire(executionId, key)) return Promise.resolve(true);

    const state = this.state(key);

    return new Promise((resolve) => {
      const waiter: Waiter = { executionId, resolve, timer: undefined };

      waiter.timer = setTimeout(() => {
        state.waiters = state.waiters.filter((other) => other !== waiter);
        resolve(false);
        this.handOver(key);
      }, Math.max(0, timeoutMilliseconds));
      state.waiters.push(waiter);
    });
  }

  release(executionId: string, key: string): void {
    const state = this.locks.get(key);

    if (state === undefined || state.owner !== executionId) return;

    state.owner = null;
    this.handOver(key);
  }

  holds(executionId: string, key: string): boolean {
    return this.locks.get(key)?.owner === executionId;
  }

  owner(key: string): string | null {
    return this.locks.get(key)?.owner ?? null;
  }

  /** Drops every lock and queued wait of an execution that ended, threw or was terminated. */
  releaseAll(executionId: string): void {
    for (const [key, state] of this.locks) {
      for (const waiter of state.waiters.filter((w) => w.executionId === executionId)) {
        clearTimeout(waiter.timer);
        waiter.resolve(false);
      }

      state.waiters = state.waiters.filter((w) => w.executionId !== executionId);

      if (state.owner === executionId) state.owner = null;

      this.handOver(key);
    }
  }

  private handOver(key: string): void {
    const state = this.state(key);

    if (state.owner !== null) return;

    const next = state.waiters.shift();

    if (next === undefined) return;

    clearTimeout(next.timer);
    state.owner = next.executionId;
    next.resolve(true);
  }

  private state(key: string): LockState {
    let state = this.locks.get(key);

    if (state === undefined) {
      state = { owner: null, waiters: [] };
      this.locks.set(key, state);
    }

    return state;
  }
}
