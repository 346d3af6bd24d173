import { AddonError } from '../errors';

/** How long a writer waits for the table while another import or the nightly sync writes it. */
const WRITE_LOCK_WAIT_MILLISECONDS = 30_000;

/**
 * Runs the read-merge-write of the table under the user lock, so a manual import and the same
 * user's nightly run never write at once. Fetches happen before, never under the lock.
 */
export function withUserWriteLock<T>(work: () => T): T {
  const lock = LockService.getUserLock();

  if (!lock.tryLock(WRITE_LOCK_WAIT_MILLISECONDS)) {
    throw new AddonError('SYNC_RUNNING', 'Another import or the nightly sync is writing the table; try again in a minute');
  }

  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
