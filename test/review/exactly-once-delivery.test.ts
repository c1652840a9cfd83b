import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../review/accounts/accounts.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { systemClock } from '../../config/clock.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { createTestDatabaseLocation, openTestDatabaseAt } from '../support/test-databases.ts';

const CRASHER = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'crash-during-delivery.ts');
const folder = fixtureFolder();
let open: Database | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** A database (a data directory, or one on the test server) holding one drafted case and an approver, closed cleanly. */
async function prepare(name: string): Promise<{ location: string; caseId: number; approverId: number }> {
  const location = await createTestDatabaseLocation(folder, name);
  const database = await openTestDatabaseAt(location);
  const context = createReviewContext({
    config: loadConfig({ environment: {} }),
    database,
    embedder: new HashingEmbedder({ dimensions: 64 }),
  });
  const approver = await createAccount(database, {
    username: 'approver',
    password: 'correct horse battery',
    role: 'approver',
  });
  const { caseId } = await submitInquiry(context, {
    kind: 'citizen-question',
    text: '本市有哪些便民服务？',
    surface: 'web',
    authorId: 'browser',
    receivedBy: 'surface:web',
  });
  await draftCase(context, caseId);
  await database.close();
  return { location, caseId, approverId: approver.id };
}

/** Runs the crash script and kills it with SIGKILL as soon as it reaches its crash point. */
function crashAt(options: {
  location: string;
  caseId: number;
  approverId: number;
  crashPoint: 'after-approval' | 'after-delivery';
}): Promise<void> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI, which would run the script in a child that outlives the kill).
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CRASHER,
        options.location,
        String(options.caseId),
        String(options.approverId),
        options.crashPoint,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('ready-to-crash')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`the crash script ended without reaching its crash point: ${errors}`)),
    );
  });
}

async function restartAndDeliver(location: string) {
  const database = await openTestDatabaseAt(location);
  open = database;
  const report = await deliverDueAnswers({
    database,
    surfaces: new Map([['web', new WebSurface({ database, clock: systemClock })]]),
    clock: systemClock,
  });
  return { database, report };
}

describe('exactly-once delivery across crashes', () => {
  it('delivers once after a crash between approval and delivery', async () => {
    const prepared = await prepare('crash-after-approval');
    await crashAt({ ...prepared, crashPoint: 'after-approval' });
    const { database, report } = await restartAndDeliver(prepared.location);
    expect(report.delivered).toEqual([prepared.caseId]);
    expect(await database.query('SELECT * FROM public_answers')).toHaveLength(1);
    expect(
      (
        await deliverDueAnswers({
          database,
          surfaces: new Map([['web', new WebSurface({ database, clock: systemClock })]]),
          clock: systemClock,
        })
      ).delivered,
    ).toEqual([]);
    expect((await findCase(database, prepared.caseId))!.status).toBe('posted');
  });

  it('delivers once after a crash between delivery and its record', async () => {
    const prepared = await prepare('crash-after-delivery');
    await crashAt({ ...prepared, crashPoint: 'after-delivery' });
    const { database, report } = await restartAndDeliver(prepared.location);
    // The claim is still held by the dead worker; once it lapses the item is delivered again under the same key.
    expect(report.delivered).toEqual([]);
    const aMinuteLater = { now: () => new Date(Date.now() + 61_000) };
    const retried = await deliverDueAnswers({
      database,
      surfaces: new Map([['web', new WebSurface({ database, clock: aMinuteLater })]]),
      clock: aMinuteLater,
    });
    expect(retried.delivered).toEqual([prepared.caseId]);
    expect(await database.query('SELECT * FROM public_answers')).toHaveLength(1);
    const events = (await readAuditLog(database, { caseId: prepared.caseId })).map((entry) => entry.event);
    expect(events.filter((event) => event === 'answer-posted')).toHaveLength(1);
    expect(await verifyAuditChain(database)).toMatchObject({ valid: true });
  });
});
