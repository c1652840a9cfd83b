import { join } from 'node:path';
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
import { runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

// One embedded database for the file; each test runs `huiying …` in process on it, in order.
const data = fixtureFolder();
const environment = { HUIYING_DATA_DIR: data.root };
const run = (...argv: string[]) => runCliWith({ argv, environment });
const withPassword = (password: string, ...argv: string[]) => runCliWith({ argv, environment, stdin: `${password}\n` });

async function withDatabase<T>(work: (database: Awaited<ReturnType<typeof openPgliteDatabase>>) => Promise<T>) {
  const database = await openPgliteDatabase({ dataDirectory: join(data.root, 'pglite') });
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

beforeAll(() => createTestDataDirectory(join(data.root, 'pglite')));
afterAll(() => data.remove());

describe('account, key and audit commands', () => {
  it('creates the first admin with a password read from standard input', async () => {
    expect(await withPassword('correct horse battery', 'user', 'add', 'admin', '--role', 'admin')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Created admin "admin"'),
    });
    expect(await withPassword('short', 'user', 'add', 'weak', '--role', 'drafter')).toMatchObject({ code: 2 });
    expect((await run('user', 'list')).out).toMatch(/admin\s+admin\s+admin\s+\(all\)/);
  });

  it('creates an API key and prints it once', async () => {
    expect((await run('key', 'add', 'hotline')).out).toMatch(/hy_[\w-]{20,}/);
  });

  it('links a chat user to an account, and refuses an unknown account', async () => {
    expect(await run('user', 'link', 'admin', 'slack', 'U024BE7LH')).toMatchObject({
      code: 0,
      out: 'Linked slack user U024BE7LH to "admin".',
    });
    expect(await run('user', 'link', 'nobody', 'slack', 'U1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('There is no account "nobody"'),
    });
    expect(
      await withDatabase((database) => findAccountByIdentity(database, { surface: 'slack', externalId: 'U024BE7LH' })),
    ).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('disables an account once, and lists only active ones', async () => {
    expect(await withPassword('correct horse battery', 'user', 'add', 'leaver', '--role', 'approver')).toMatchObject({
      code: 0,
    });
    expect(await run('user', 'disable', 'leaver')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Disabled "leaver": it can no longer sign in'),
    });
    expect(await run('user', 'disable', 'leaver')).toMatchObject({
      code: 2,
      err: expect.stringContaining('no active account "leaver"'),
    });
    expect((await run('user', 'list')).out).not.toContain('leaver');
  });

  it("lists open cases and prints a case's story", async () => {
    const caseId = await withDatabase(async (database) => {
      const context = createReviewContext({
        config: loadConfig({ environment: {} }),
        database,
        embedder: new HashingEmbedder({ dimensions: 256 }),
      });
      const submitted = await submitInquiry(context, {
        kind: 'citizen-question',
        text: '停车场收费标准是多少？我的电话13912345678，请回电告诉我具体收费办法',
        surface: 'web',
        authorId: 'b',
        receivedBy: 'surface:web',
      });
      await draftCase(context, submitted.caseId);
      return submitted.caseId;
    });
    const open = await run('cases');
    expect(open.out).toMatch(new RegExp(`#${caseId}\\s+群众咨询\\s+一般`));
    // The redacted phone number is shown whole or not at all, never cut to "[手机号已".
    expect(open.out).toContain('[手机号已隐去]');
    expect((await run('cases', '--overdue')).out).toContain('0 overdue case(s).');
    const story = await run('audit', 'show', String(caseId));
    expect(story.code).toBe(0);
    expect(story.out).toMatch(/inquiry-received[\s\S]+draft-created/);
    expect(await run('audit', 'show', '999')).toMatchObject({ code: 2, err: expect.stringContaining('no case 999') });
  });

  it('verifies the audit chain, and notices an entry changed behind its back', async () => {
    expect(await run('audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Audit chain intact: 7 entries'),
    });
    await withDatabase(async (database) => {
      await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await database.query(`UPDATE audit_log SET actor = 'cli:someone-else' WHERE event = 'account-created'`);
    });
    expect(await run('audit', 'verify')).toMatchObject({
      code: 1,
      out: expect.stringContaining('AUDIT CHAIN BROKEN at entry 1'),
    });
  });
});
