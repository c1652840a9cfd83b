import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../config/package-root.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

// The compiled command as users run it (npm install builds dist/ through "prepare"; npm test builds it first).
const BIN = join(PACKAGE_ROOT, 'dist', 'cli', 'huiying.js');
const data = fixtureFolder();

function huiying(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HUIYING_DATA_DIR: data.root },
      cwd: data.root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

beforeAll(() => createTestDataDirectory(join(data.root, 'pglite')));
afterAll(() => data.remove());

describe('the compiled huiying binary', () => {
  it('is built', () => {
    expect(existsSync(BIN), `${BIN} is missing: run \`npm run build\``).toBe(true);
  });

  it('prints its overview and exits 0, and 2 for an unknown command', async () => {
    expect(await huiying(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: huiying') });
    expect(await huiying(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command') });
  });

  it('reads a password from standard input, and refuses to open a database another process holds', async () => {
    expect(await huiying(['user', 'add', 'admin', '--role', 'admin'], 'correct horse battery\n')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Created admin "admin"'),
    });
    const holder = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
    try {
      expect(await huiying(['audit', 'verify'])).toMatchObject({
        code: 1,
        err: expect.stringContaining('database-busy'),
      });
    } finally {
      await holder.close();
    }
    expect(await huiying(['audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringContaining('intact') });
  });
});
