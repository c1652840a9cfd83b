import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../config/package-root.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

// `huiying serve` in a process of its own holds the embedded database; the commands run here, in this process.
const data = fixtureFolder();
const environment = { HUIYING_DATA_DIR: data.root };
const run = (...argv: string[]) => runCliWith({ argv, environment });
let serve: ChildProcess;
let url: string;
let hotlineKey: string;

beforeAll(async () => {
  await createTestDataDirectory(join(data.root, 'pglite'));
  const database = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
  try {
    await migrate(database);
    for (const [username, role] of [
      ['admin', 'admin'],
      ['leaver', 'approver'],
    ] as const)
      await createAccount(database, { username, password: 'correct horse battery', role });
    hotlineKey = (await createApiKey(database, { name: 'hotline' })).key;
  } finally {
    await database.close();
  }
  serve = spawn(
    process.execPath,
    ['--import', 'tsx', join(PACKAGE_ROOT, 'cli', 'huiying.ts'), 'serve', '--port', '0'],
    {
      env: { PATH: process.env.PATH, HUIYING_DATA_DIR: data.root },
      // tsx is resolved from here; the data directory is named by HUIYING_DATA_DIR.
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    serve.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /huiying console: (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    serve.stderr!.on('data', (chunk) => (err += chunk));
    serve.once('exit', (code) => reject(new Error(`huiying serve exited (${code}): ${err}`)));
  });
}, 120_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  data.remove();
});

describe('account and key commands while huiying serve holds the embedded database', () => {
  it('leaves a control file only its owner can read', () => {
    const control = join(data.root, 'console.json');
    expect(statSync(control).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(control, 'utf8'))).toMatchObject({ pid: serve.pid, url });
  });

  it('disables an account through the running console: its open session ends at once', async () => {
    const leaver = new ConsoleClient(url);
    await leaver.signIn('leaver');
    expect((await leaver.get('/queue')).status).toBe(200);
    expect((await run('user', 'list')).out).toMatch(/leaver\s+leaver\s+approver/);
    expect(await run('user', 'disable', 'leaver')).toMatchObject({
      code: 0,
      out: expect.stringContaining(`Disabled "leaver" through the running console (${url})`),
    });
    expect((await leaver.get('/queue')).status).toBe(303);
    expect((await run('user', 'list')).out).not.toContain('leaver');
    // Refusals come back as the console gives them.
    expect(await run('user', 'disable', 'leaver')).toMatchObject({
      code: 2,
      err: expect.stringContaining('There is no active account "leaver"'),
    });
  });

  it('revokes an API key through the running console: its next request is 401', async () => {
    const status = async () =>
      (await fetch(`${url}/api/inquiries/HY-0000-0000-0000`, { headers: { authorization: `Bearer ${hotlineKey}` } }))
        .status;
    expect(await status()).toBe(404);
    expect((await run('key', 'list')).out).toMatch(/1\s+hotline\s+\S+\s*$/m);
    expect(await run('key', 'revoke', 'hotline')).toMatchObject({
      code: 0,
      out: 'Revoked API key 1 (hotline): its next request is refused.',
    });
    expect(await status()).toBe(401);
    expect((await run('key', 'list')).out).toMatch(/1\s+hotline\s+\S+\s+\S+/);
  });

  it('refuses the control API without the token from the file, even with a live API key', async () => {
    const attempts: Array<Record<string, string>> = [
      { authorization: 'Bearer guessed-token' },
      { authorization: `Bearer ${hotlineKey}` },
      {},
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/api/control/accounts/disable`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin' }),
      });
      expect(response.status).toBe(401);
    }
    expect((await run('user', 'list')).out).toContain('admin');
  });

  it('leaves the changes on record in the same hash chain, and removes its control file when it stops', async () => {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
    expect(existsSync(join(data.root, 'console.json'))).toBe(false);
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: expect.stringContaining('intact') });
    const database = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
    try {
      const entries = await database.query<{ event: string; actor: string }>(
        `SELECT event, actor FROM audit_log WHERE event IN ('account-disabled', 'api-key-revoked') ORDER BY sequence`,
      );
      expect(entries).toEqual([
        { event: 'account-disabled', actor: 'cli' },
        { event: 'api-key-revoked', actor: 'cli' },
      ]);
    } finally {
      await database.close();
    }
  });
});
