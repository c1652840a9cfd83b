import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash, GENESIS_HASH } from '../../audit/audit-entry-hash.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import type { CommandIo } from '../../cli/command.ts';
import { openContext } from '../../cli/open-context.ts';
import { keepCheckpoints } from '../../cli/serve-until-stopped.ts';
import type { Queryable } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgliteDatabase } from '../../db/pglite-database.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCliWith } from '../support/run-cli.ts';
import { createTestDataDirectory } from '../support/test-databases.ts';

// Two embedded databases: one written without an audit key, one with. Each test runs `huiying …` in process.
const data = fixtureFolder();
const keyFile = join(data.root, 'audit.key');
const unkeyed = {
  HUIYING_DATA_DIR: join(data.root, 'plain'),
  HUIYING_AUDIT_CHECKPOINT_FILE: join(data.root, 'plain.checkpoints'),
};
const keyed = {
  HUIYING_DATA_DIR: join(data.root, 'keyed'),
  HUIYING_AUDIT_KEY_FILE: keyFile,
  HUIYING_AUDIT_CHECKPOINT_FILE: join(data.root, 'keyed.checkpoints'),
};
const run = (environment: Record<string, string>, ...argv: string[]) => runCliWith({ argv, environment });

async function withDatabase<T>(environment: { HUIYING_DATA_DIR: string }, work: (database: Queryable) => Promise<T>) {
  const database = await openPgliteDatabase({ dataDirectory: join(environment.HUIYING_DATA_DIR, 'pglite') });
  try {
    await migrate(database);
    await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    return await work(database);
  } finally {
    await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await database.close();
  }
}

/** What an operator with database access but no key can do: change an entry and recompute every hash after it. */
async function rewriteAndRecompute(database: Queryable, options: { sequence: number; actor: string }) {
  let previousHash = GENESIS_HASH;
  for (const entry of await readAuditLog(database)) {
    const actor = entry.sequence === options.sequence ? options.actor : entry.actor;
    const hash = auditEntryHash({ ...entry, actor, previousHash });
    await database.query('UPDATE audit_log SET actor = $2, previous_hash = $3, hash = $4 WHERE sequence = $1', [
      entry.sequence,
      actor,
      previousHash,
      hash,
    ]);
    previousHash = hash;
  }
}

async function someHistory(environment: Record<string, string>) {
  for (const name of ['hotline', 'monitor', 'wechat', 'mailbox'])
    expect((await run(environment, 'key', 'add', name)).code).toBe(0);
}

async function freshDataDirectory(directory: string) {
  mkdirSync(directory, { recursive: true });
  await createTestDataDirectory(join(directory, 'pglite'));
}

beforeAll(async () => {
  writeFileSync(keyFile, 'a'.repeat(16) + '0123456789abcdef0123456789abcdef\n');
  await freshDataDirectory(unkeyed.HUIYING_DATA_DIR);
  await freshDataDirectory(keyed.HUIYING_DATA_DIR);
});
afterAll(() => data.remove());

describe('audit trail anchoring', () => {
  it('notices entries deleted from the end against a checkpoint taken before, which `audit checkpoint` prints and keeps', async () => {
    await someHistory(unkeyed);
    const checkpoint = await run(unkeyed, 'audit', 'checkpoint');
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.out).toMatch(/^huiying-audit-checkpoint v1 sequence=4 hash=[0-9a-f]{64} at=\S+$/);
    expect(readFileSync(unkeyed.HUIYING_AUDIT_CHECKPOINT_FILE, 'utf8')).toBe(`${checkpoint.out}\n`);
    expect(await run(unkeyed, 'audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Matches all 1 checkpoints'),
    });

    await withDatabase(unkeyed, (database) => database.query('DELETE FROM audit_log WHERE sequence >= 3'));
    const verified = await run(unkeyed, 'audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.out).toContain(
      'the log ends at entry 2, but this checkpoint recorded entry 4: entries were removed from the end',
    );
    // A copy mailed elsewhere does as well as the file.
    const mailed = join(data.root, 'mailed.txt');
    writeFileSync(mailed, `# mailed to records@example.gov.cn\n${checkpoint.out}\n`);
    expect(
      (await run({ HUIYING_DATA_DIR: unkeyed.HUIYING_DATA_DIR }, 'audit', 'verify', '--checkpoints', mailed)).code,
    ).toBe(1);
    expect((await run(unkeyed, 'audit', 'checkpoint')).err).toContain('No checkpoint taken');
  });

  it('notices an entry rewritten with every later hash recomputed once entries are signed with the audit key', async () => {
    await someHistory(keyed);
    expect(await run(keyed, 'audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('MACs checked with the audit key: 4 signed'),
    });
    await withDatabase(keyed, (database) => rewriteAndRecompute(database, { sequence: 2, actor: 'cli:someone-else' }));
    const verified = await run(keyed, 'audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.out).toContain('AUDIT CHAIN BROKEN at entry 2: its MAC does not match');
    // Without the key's protection the same rewrite passes: that is the hole the key closes.
    await withDatabase(unkeyed, (database) =>
      rewriteAndRecompute(database, { sequence: 1, actor: 'cli:someone-else' }),
    );
    const plain = await run({ HUIYING_DATA_DIR: unkeyed.HUIYING_DATA_DIR }, 'audit', 'verify');
    expect(plain).toMatchObject({ code: 0, err: expect.stringContaining('No audit key') });
  });

  it('notices MACs stripped from the newest entries after a signed checkpoint, and a checkpoint made up without the key', async () => {
    const environment = {
      ...keyed,
      HUIYING_DATA_DIR: join(data.root, 'keyed-2'),
      HUIYING_AUDIT_CHECKPOINT_FILE: join(data.root, 'keyed-2.checkpoints'),
    };
    await freshDataDirectory(environment.HUIYING_DATA_DIR);
    await someHistory(environment);
    const checkpoint = (await run(environment, 'audit', 'checkpoint')).out;
    expect(checkpoint).toMatch(/ mac=[0-9a-f]{64}$/);
    const forged = join(data.root, 'forged.txt');
    writeFileSync(forged, `${checkpoint.replace(/mac=[0-9a-f]{64}/, `mac=${'0'.repeat(64)}`)}\n`);
    const report = JSON.parse(
      (await run({ ...environment, HUIYING_AUDIT_CHECKPOINT_FILE: forged }, 'audit', 'verify', '--json')).out,
    );
    expect(report).toMatchObject({
      valid: false,
      checkpoints: [{ problem: expect.stringMatching(/not signed with this audit key/) }],
    });

    await someHistory(environment);
    await withDatabase(environment, async (database) => {
      await database.query('UPDATE audit_log SET mac = NULL WHERE sequence > 4');
      await rewriteAndRecompute(database, { sequence: 6, actor: 'cli:someone-else' });
    });
    expect(await run(environment, 'audit', 'verify')).toMatchObject({
      code: 1,
      out: expect.stringContaining('AUDIT CHAIN BROKEN at entry 5: it has no MAC'),
    });
  });

  it('has `serve` append a signed checkpoint when it starts and when it stops', async () => {
    const environment = {
      ...keyed,
      HUIYING_DATA_DIR: join(data.root, 'keyed-3'),
      HUIYING_AUDIT_CHECKPOINT_FILE: join(data.root, 'serve.checkpoints'),
    };
    await freshDataDirectory(environment.HUIYING_DATA_DIR);
    await someHistory(environment);
    const context = await openContext({ environment, workload: 'command', embedder: false });
    const printed: string[] = [];
    const io = { print: (line: string) => printed.push(line), warn: (line: string) => printed.push(line) };
    try {
      await keepCheckpoints(io as unknown as CommandIo, context).stop();
    } finally {
      await context.close();
    }
    const lines = readFileSync(environment.HUIYING_AUDIT_CHECKPOINT_FILE, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatch(/^huiying-audit-checkpoint v1 sequence=\d+ hash=\S+ at=\S+ mac=[0-9a-f]{64}$/);
    expect(printed.join('\n')).toContain('[audit] huiying-audit-checkpoint');
  });

  it('refuses a key file too short to be a secret, saying how to make one', async () => {
    const short = join(data.root, 'short.key');
    writeFileSync(short, 'secret\n');
    const refused = await run({ ...keyed, HUIYING_AUDIT_KEY_FILE: short }, 'audit', 'verify');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/config-invalid.*at least 32.*openssl rand -hex 32/);
  });
});
