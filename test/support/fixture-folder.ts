import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_OFFICE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'office');
export const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

/** A temporary folder for one test file; `write` adds files (strings as UTF-8, bytes as given). */
export function fixtureFolder(options: { withSampleOffice?: boolean } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'huiying-test-'));
  if (options.withSampleOffice) cpSync(SAMPLE_OFFICE, root, { recursive: true });
  return {
    root,
    path: (name: string) => join(root, name),
    write(name: string, content: string | Uint8Array) {
      const path = join(root, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
