import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { RateLimiter } from '../../console/rate-limiter.ts';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { createTestServerDatabase, TEST_SUPERUSER_URL } from '../support/test-databases.ts';
import { openReviewDesk } from '../support/review-desk.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftReceivedCases } from '../../review/draft-case.ts';
import { findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });

describeOnTestServer('several huiying processes on one PostgreSQL server', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** An empty database of its own (the vector extension only), and a way to open it as another process would. */
  async function emptyDatabase(): Promise<{ url: string; open: (maxConnections?: number) => Promise<Database> }> {
    const { url, drop } = await createTestServerDatabase();
    cleanups.push(drop);
    return {
      url,
      open: async (maxConnections = 4) => {
        const database = await openPgDatabase({ connectionString: url, maxConnections });
        cleanups.push(() => database.close());
        return database;
      },
    };
  }

  it('migrates an empty database once when 40 processes start together', async () => {
    const { open } = await emptyDatabase();
    const processes = await Promise.all(Array.from({ length: 40 }, () => open(1)));
    const results = await Promise.allSettled(processes.map((database) => migrate(database)));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const applied = results.flatMap((result) => (result.status === 'fulfilled' ? result.value.applied : []));
    const [database] = processes;
    const recorded = await database!.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(applied.sort()).toEqual(recorded.map((row) => row.name).sort());
  });

  it('lets a role that may only read and append audit_log write the chain, concurrently, and nothing else', async () => {
    if (!TEST_SUPERUSER_URL) throw new Error('HUIYING_TEST_SUPERUSER_URL is not set (test-postgres.sh prints it)');
    const role = `audit_appender_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    // Dropped last, after the database that holds its grants.
    cleanups.push(() => asSuperuser('postgres', [`DROP ROLE IF EXISTS ${role}`]));
    const { url, open } = await emptyDatabase();
    cleanups.push(() => endSessionsOf(role));
    await migrate(await open());
    const database = new URL(url).pathname.slice(1);
    await asSuperuser(database, [
      `CREATE ROLE ${role} LOGIN PASSWORD 'append-only'`,
      `GRANT SELECT, INSERT ON audit_log TO ${role}`,
      `GRANT USAGE ON SEQUENCE audit_log_sequence_seq TO ${role}`,
    ]);
    const appendOnly = new URL(url);
    appendOnly.username = role;
    appendOnly.password = 'append-only';
    const appender = await openPgDatabase({ connectionString: appendOnly.toString() });
    cleanups.push(() => appender.close());
    const at = new Date('2026-11-23T01:00:00Z');
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        appender.transaction((transaction) =>
          appendAuditEntry(transaction, {
            caseId: index + 1,
            event: 'inquiry-received',
            actor: 'test',
            occurredAt: at,
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(appender)).toMatchObject({ entries: 8, valid: true });
    await expect(appender.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(appender.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('runs a case from receipt to posting as a runtime role with the README grants, which cannot touch the audit log', async () => {
    if (!TEST_SUPERUSER_URL) throw new Error('HUIYING_TEST_SUPERUSER_URL is not set (test-postgres.sh prints it)');
    const role = `huiying_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    cleanups.push(() => asSuperuser('postgres', [`DROP ROLE IF EXISTS ${role}`]));
    const { url, open } = await emptyDatabase();
    cleanups.push(() => endSessionsOf(role));
    const owner = await open();
    await migrate(owner);
    const folder = fixtureFolder({ withSampleOffice: true });
    cleanups.push(async () => folder.remove());
    // The owner migrates and ingests (index builds and ANALYZE need the owner); the runtime role serves.
    await ingestSources({ database: owner, embedder, inputs: [folder.root] });
    await asSuperuser('postgres', [`CREATE ROLE ${role} LOGIN PASSWORD 'runtime'`]);
    for (const grant of [
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE ON audit_log FROM ${role}`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ])
      await owner.query(grant);
    const runtimeUrl = new URL(url);
    runtimeUrl.username = role;
    runtimeUrl.password = 'runtime';
    const runtime = await openPgDatabase({ connectionString: runtimeUrl.toString() });
    cleanups.push(() => runtime.close());
    await migrate(runtime);
    const desk = await openReviewDesk({ database: runtime, embedder });
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'citizen-question',
      text: '申请公开政府信息，多长时间能得到答复？',
      surface: 'web',
      authorId: 'browser',
      receivedBy: 'surface:web',
    });
    expect((await draftReceivedCases(desk.context)).drafted).toEqual([caseId]);
    const version = (await findVersion(runtime, caseId, 1))!;
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    const web = new WebSurface({ database: runtime, clock: desk.clock });
    expect(
      (await deliverDueAnswers({ database: runtime, surfaces: new Map([['web', web]]), clock: desk.clock })).delivered,
    ).toEqual([caseId]);
    expect(
      await new RateLimiter({ database: runtime, name: 'api', perMinute: 5, clock: desk.clock }).take('key:1'),
    ).toEqual({ allowed: true });
    expect(await verifyAuditChain(runtime)).toMatchObject({ valid: true });
    await expect(runtime.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(
      /must be owner/,
    );
    await expect(runtime.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
  });

  it('refuses a second ingest while one runs, saying who is ingesting, and writes nothing for it', async () => {
    const { open } = await emptyDatabase();
    const [first, second] = [await open(), await open()];
    await migrate(first);
    const folder = fixtureFolder({ withSampleOffice: true });
    cleanups.push(async () => folder.remove());
    let secondRefused: Promise<unknown> | undefined;
    const running = ingestSources({
      database: first,
      embedder,
      inputs: [folder.root],
      // The first holds the lock from before it reads its first file; the second starts then.
      onProgress: () => {
        secondRefused ??= ingestSources({ database: second, embedder, inputs: [folder.root] }).catch((error) => error);
      },
    });
    expect(await running).toMatchObject({ added: 7, failed: [] });
    expect(await secondRefused).toMatchObject({
      code: 'database-busy',
      message: expect.stringMatching(
        /^Another ingest is running on this database: huiying ingest \(pid \d+ on .+\), since .+ None of this one.s documents was written/,
      ),
    });
    expect(await first.query('SELECT 1 FROM documents')).toHaveLength(7);
    // Released at the end: the next ingest runs.
    expect(await ingestSources({ database: second, embedder, inputs: [folder.root] })).toMatchObject({ unchanged: 7 });
  });

  it('counts rate limits once across processes, also for requests at the same moment', async () => {
    const { open } = await emptyDatabase();
    const [first, second] = [await open(), await open()];
    await migrate(first);
    const clock = new ManualClock('2026-11-23T09:00:00+08:00');
    const limiters = [first, second].map((database) => new RateLimiter({ database, name: 'api', perMinute: 3, clock }));
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => limiters[index % 2]!.take('key:1')));
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
    expect(await limiters[1]!.take('key:1')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(await limiters[0]!.take('key:2')).toEqual({ allowed: true });
    clock.advance({ seconds: 20 });
    expect(await limiters[0]!.take('key:1')).toEqual({ allowed: true });
    expect(await first.query('SELECT key_hash FROM rate_limit_buckets WHERE key_hash LIKE $1', ['key%'])).toEqual([]);
  });

  it('builds the vector index with its memory setting on the building connection only', async () => {
    const { open } = await emptyDatabase();
    const database = await open(4);
    await migrate(database);
    const folder = fixtureFolder({ withSampleOffice: true });
    cleanups.push(async () => folder.remove());
    await ingestSources({ database, embedder, inputs: [folder.root] });
    // Every pooled connection at once: none was left with the build's 512MB.
    const pool = (database as Database & { pool: pg.Pool }).pool;
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
    try {
      const settings = await Promise.all(
        clients.map(async (client) => (await client.query('SHOW maintenance_work_mem')).rows[0].maintenance_work_mem),
      );
      expect(settings).toEqual(['64MB', '64MB', '64MB', '64MB']);
      // And no parallel plans for huiying's many small statements (their workers' start costs more than they save).
      const parallel = await Promise.all(
        clients.map(async (client) => (await client.query('SHOW max_parallel_workers_per_gather')).rows[0]),
      );
      expect(parallel.map((row) => row.max_parallel_workers_per_gather)).toEqual(['0', '0', '0', '0']);
    } finally {
      for (const client of clients) client.release();
    }
  });
});

async function asSuperuser(database: string, statements: string[]): Promise<void> {
  const url = new URL(TEST_SUPERUSER_URL!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

// A closed pool's sessions may still be ending on the server; dropping the database (WITH FORCE, as the application
// role) must not have to end another role's session. The timeout makes pg_terminate_backend wait until each session
// has ended (without it, a session still exiting was seen by the DROP and refused it, when the suites ran together).
async function endSessionsOf(role: string): Promise<void> {
  await asSuperuser('postgres', [
    `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE usename = '${role}'`,
  ]);
}
