import { hostname } from 'node:os';
import { HuiyingError } from '../config/huiying-error.ts';
import { ADVISORY_LOCKS } from '../db/advisory-locks.ts';
import type { Database, HeldLock } from '../db/database.ts';

/**
 * Runs `work` (an ingest or a reindex) holding the ingest lock, so that two never write the index at once: a second
 * one stops before writing anything and is told who is ingesting. `work` calls `stillHeld` before each write.
 */
export async function withIngestLock<T>(
  database: Database,
  work: (lock: { stillHeld(): Promise<void> }) => Promise<T>,
): Promise<T> {
  const taken = await database.tryLock(ADVISORY_LOCKS.ingest, {
    holder: `huiying ingest (pid ${process.pid} on ${hostname()})`,
  });
  if (!('lock' in taken)) {
    const since = taken.since ? `, since ${taken.since.toISOString()}` : '';
    throw new HuiyingError({
      code: 'database-busy',
      message: `Another ingest is running on this database: ${taken.heldBy}${since}. None of this one's documents was written; wait for it to finish, then run this one again.`,
      details: { heldBy: taken.heldBy },
    });
  }
  try {
    return await work({ stillHeld: () => stillHeld(taken.lock) });
  } finally {
    await taken.lock.release();
  }
}

// A server restart ends the session that held the lock; another ingest may have taken it before this one got back.
async function stillHeld(lock: HeldLock): Promise<void> {
  if (await lock.ensureHeld()) return;
  throw new HuiyingError({
    code: 'database-busy',
    message:
      'While the database server restarted, another ingest started on it, so this one stopped; what it had written is kept. Run it again once the other has finished: unchanged files are skipped.',
  });
}
