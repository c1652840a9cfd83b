import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByIdentity } from '../../review/accounts/accounts.ts';
import { loadConfig } from '../../config/load-config.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { draftCase } from '../../review/draft-case.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'huiying.js');
const data = fixtureFolder();
const saved = { ...process.env };
beforeAll(async () => {
  process.env.HUIYING_DATA_DIR = data.root;
  delete process.env.DATABASE_URL;
  await createTestDataDirectory(join(data.root, 'pglite'));
});
afterAll(() => {
  process.env = saved;
  data.remove();
});

const run = runCli;

/** Runs the real CLI in a child process: it reads a password from standard input, and holds its own lock. */
function huiying(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, HUIYING_DATA_DIR: data.root, DATABASE_URL: '' },
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

describe('account, key and audit commands', () => {
  it("creates the first admin and an API key, prints a case's story and verifies the chain, and notices tampering", async () => {
    expect(await huiying(['user', 'add', 'admin', '--role', 'admin'], 'correct horse battery\n')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Created admin "admin"'),
    });
    expect((await run('key', 'add', 'hotline')).out).toMatch(/hy_[\w-]{20,}/);
    expect(await run('user', 'link', 'admin', 'slack', 'U024BE7LH')).toMatchObject({
      code: 0,
      out: 'Linked slack user U024BE7LH to "admin".',
    });
    expect(await run('user', 'link', 'nobody', 'slack', 'U1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('There is no account "nobody"'),
    });
    expect(await huiying(['user', 'add', 'leaver', '--role', 'approver'], 'correct horse battery\n')).toMatchObject({
      code: 0,
    });
    expect(await run('user', 'disable', 'leaver')).toMatchObject({ code: 0, out: 'Disabled "leaver".' });
    expect(await run('user', 'disable', 'leaver')).toMatchObject({
      code: 2,
      err: expect.stringContaining('no active account "leaver"'),
    });
    expect((await run('user', 'list')).out).not.toContain('leaver');

    const database = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
    await migrate(database);
    expect(await findAccountByIdentity(database, { surface: 'slack', externalId: 'U024BE7LH' })).toMatchObject({
      username: 'admin',
      role: 'admin',
    });
    const context = createReviewContext({
      config: loadConfig({ environment: {} }),
      database,
      embedder: new HashingEmbedder({ dimensions: 256 }),
    });
    const { caseId } = await submitInquiry(context, {
      kind: 'citizen-question',
      text: '停车场收费标准？',
      surface: 'web',
      authorId: 'b',
      receivedBy: 'surface:web',
    });
    await draftCase(context, caseId);
    // While this process holds the embedded database, another one is told so instead of corrupting it.
    expect(await huiying(['audit', 'verify'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('database-busy'),
    });
    await database.close();

    const open = await run('cases');
    expect(open.out).toMatch(new RegExp(`#${caseId}\\s+群众咨询\\s+一般`));
    expect((await run('cases', '--overdue')).out).toContain('0 overdue case(s).');
    const story = await run('audit', 'show', String(caseId));
    expect(story.code).toBe(0);
    expect(story.out).toMatch(/inquiry-received[\s\S]+draft-created/);
    expect(await run('audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Audit chain intact: 7 entries'),
    });

    const tampered = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
    await tampered.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await tampered.query(`UPDATE audit_log SET actor = 'cli:someone-else' WHERE event = 'account-created'`);
    await tampered.close();
    expect(await run('audit', 'verify')).toMatchObject({
      code: 1,
      out: expect.stringContaining('AUDIT CHAIN BROKEN at entry 1'),
    });
  });
});
