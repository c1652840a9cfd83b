import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How the CLI on this machine reaches a running console: its address and the token of its control API. */
export type ControlFile = { pid: number; url: string; token: string };

const FILE_NAME = 'console.json';

/**
 * Writes the control file into the data directory (HUIYING_DATA_DIR), readable by its owner only, and returns the
 * function that removes it. Whoever can read it can already read the embedded database's files, so it gives the
 * CLI nothing the operator did not have: only the CLI's few account and key commands, while the console holds the
 * database.
 */
export function writeControlFile(dataDirectory: string, contents: ControlFile): () => void {
  const path = join(dataDirectory, FILE_NAME);
  writeFileSync(path, JSON.stringify(contents), { mode: 0o600 });
  return () => {
    // Only our own file: a console started after us (this one having crashed) wrote its own.
    if (readControlFile(dataDirectory)?.token === contents.token) rmSync(path, { force: true });
  };
}

/** The running console's control file, or undefined when there is none (or it cannot be read). */
export function readControlFile(dataDirectory: string): ControlFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDirectory, FILE_NAME), 'utf8')) as Partial<ControlFile>;
    return typeof parsed.url === 'string' && typeof parsed.token === 'string' && typeof parsed.pid === 'number'
      ? { pid: parsed.pid, url: parsed.url, token: parsed.token }
      : undefined;
  } catch {
    return undefined;
  }
}
