import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { HuiyingError } from '../config/huiying-error.ts';

/**
 * Keeps two processes from opening one embedded data directory at once (PGlite is single-process; a second opener
 * would corrupt it). The lock is a file beside the directory holding the owner's pid; a lock left by a process that
 * no longer runs (a crash) is taken over. Returns the function that releases it.
 */
export function lockDataDirectory(dataDirectory: string): () => void {
  const path = `${dataDirectory}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new HuiyingError({
          code: 'database-busy',
          message: `The embedded database in ${dataDirectory} is in use by another huiying process (pid ${owner}), for example \`huiying serve\`. Stop that process first, or do this from the web console.`,
          details: { dataDirectory, owner },
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new HuiyingError({
    code: 'database-busy',
    message: `Could not lock ${dataDirectory}; remove ${path} if no huiying process is running.`,
    details: { dataDirectory },
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
