import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { findCase } from '../../review/read-cases.ts';
import { ReviewWorker } from '../../review/review-worker.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { RecordingSurface } from '../fakes/recording-surface.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { runCliWith } from '../support/run-cli.ts';
import { createTestServerDatabase } from '../support/test-databases.ts';
import { waitUntil } from '../support/wait-until.ts';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cli', 'huiying.ts');

it('refuses to run beside an embedded database, and says that serve runs the worker there', async () => {
  const result = await runCliWith({ argv: ['worker'], environment: { HUIYING_DATA_DIR: '/nonexistent/huiying' } });
  expect(result.code).toBe(2);
  expect(result.err).toMatch(/huiying worker runs beside huiying serve on a PostgreSQL server/);
});

describeOnTestServer('huiying worker on a PostgreSQL server', () => {
  const folder = fixtureFolder({ withSampleOffice: true });
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    folder.remove();
  });

  it('drafts a case received by another process, leaves telling reviewers to serve, and stops on SIGTERM', async () => {
    const { url, drop } = await createTestServerDatabase();
    cleanups.push(drop);
    const database = await openPgDatabase({ connectionString: url });
    cleanups.push(() => database.close());
    await migrate(database);
    const embedder = new HashingEmbedder({ dimensions: 64 });
    await ingestSources({ database, embedder, inputs: [folder.root] });
    const environment = { ...process.env, DATABASE_URL: url, HUIYING_OFFLINE_DIMENSIONS: '64' };
    const worker = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker'], {
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (chunk) => (output += chunk));
    worker.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    await waitUntil(() => output.includes('drafting received cases'), { timeoutMs: 30_000, what: 'the worker' });

    const context = createReviewContext({ config: loadConfig({ environment: {} }), database, embedder });
    const { caseId } = await submitInquiry(context, {
      kind: 'citizen-question',
      text: '申请公开政府信息，多长时间能得到答复？',
      surface: 'web',
      authorId: 'browser',
      receivedBy: 'surface:web',
    });
    // Nothing in this process drafts; the worker's timer finds the case.
    await waitUntil(async () => (await findCase(database, caseId))?.status === 'awaiting-review', {
      timeoutMs: 30_000,
      what: 'the worker to draft the case',
    });
    const [announced] = await database.query<{ announced_at: Date | null }>(
      'SELECT announced_at FROM cases WHERE id = $1',
      [caseId],
    );
    expect(announced?.announced_at).toBeNull();

    // serve's announcing, with a chat surface: reviewers hear of it once.
    const chat = new RecordingSurface('chat');
    const serving = new ReviewWorker({ context, surfaces: new Map([['chat', chat]]), jobs: ['announce'] });
    await serving.kick('announce');
    await serving.kick('announce');
    expect(chat.notices.map((notice) => notice.caseId)).toEqual([caseId]);

    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/Stopping…/);
    expect(output).not.toMatch(/failed|Error/);
  });
});
