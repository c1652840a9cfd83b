import { afterAll, beforeAll, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole } from '../../console/run-console.ts';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgDatabase } from '../../db/pg-database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { createApiKey } from '../../review/accounts/api-keys.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findCaseByReference, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import type { Delivery } from '../../review/surface.ts';
import { RecordingSurface } from '../fakes/recording-surface.ts';
import { describeOnTestServer } from '../support/describe-on-test-server.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { startOwnTestCluster, type OwnTestCluster } from '../support/own-test-cluster.ts';
import { openReviewDesk } from '../support/review-desk.ts';
import { createTestServerDatabase } from '../support/test-databases.ts';
import { waitUntil } from '../support/wait-until.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });

describeOnTestServer(
  'a server stopped and started under a running huiying (pg_ctl stop -m immediate, then start)',
  () => {
    let cluster: OwnTestCluster;
    const folder = fixtureFolder({ withSampleOffice: true });
    const open: Database[] = [];

    beforeAll(async () => {
      cluster = await startOwnTestCluster();
    });
    afterAll(async () => {
      for (const database of open) await database.close().catch(() => undefined);
      await cluster?.remove();
      folder.remove();
    });

    /** A database of its own on this file's cluster, migrated, with what it logs collected. */
    async function openDatabase(): Promise<{ database: Database; logged: string[] }> {
      const { url } = await createTestServerDatabase({ serverUrl: cluster.url });
      const logged: string[] = [];
      const database = await openPgDatabase({ connectionString: url, log: (line) => logged.push(line) });
      open.push(database);
      await migrate(database);
      return { database, logged };
    }

    it('fails statements with database-unavailable meanwhile, logs the outage once and its end once, and reconnects by itself', async () => {
      const { database, logged } = await openDatabase();
      // Idle pooled connections and one held by a transaction all lose their server.
      await Promise.all([database.query('SELECT 1'), database.query('SELECT 2')]);
      const inTransaction = database.transaction(async (transaction) => {
        await transaction.query('SELECT 1');
        await cluster.stopNow();
        return transaction.query('SELECT 2');
      });
      await expect(inTransaction).rejects.toMatchObject({ code: 'database-unavailable' });
      for (let attempt = 0; attempt < 5; attempt += 1)
        await expect(database.query('SELECT 1')).rejects.toMatchObject({
          code: 'database-unavailable',
          message: expect.stringMatching(/reconnects by itself once the server is back/),
        });
      await expect(database.transaction((transaction) => transaction.query('SELECT 1'))).rejects.toMatchObject({
        code: 'database-unavailable',
      });
      await cluster.resume();
      expect(await database.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
      expect(logged).toHaveLength(2);
      expect(logged[0]).toMatch(/^\[database\] lost the connection to PostgreSQL at postgres:\/\/huiying:\*\*\*@/);
      expect(logged[1]).toMatch(/is reachable again \(after \d+\.\d s\)/);
      expect(logged.join('\n')).not.toMatch(/at \w+ \(|node_modules/);
    });

    it('keeps `serve` answering while the server is down, and drafts and serves again once it is back', async () => {
      const { database, logged } = await openDatabase();
      await ingestSources({ database, embedder, inputs: [folder.root] });
      const consoleLog: string[] = [];
      const running = await runConsole({
        config: loadConfig({ environment: {} }),
        database,
        embedder,
        port: 0,
        warmUpSearches: 0,
        workerIntervals: { draftMs: 200, deliverMs: 200, sweepMs: 200, outageRetryMaxMs: 400 },
        log: (line) => consoleLog.push(line),
      });
      try {
        const { key } = await createApiKey(database, { name: 'hotline' });
        const ask = () =>
          fetch(`${running.url}/api/inquiries`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              kind: 'citizen-question',
              text: '申请公开政府信息，多长时间能得到答复？',
              author: { id: 'caller-1' },
            }),
          });
        await cluster.stopNow();
        const refused = await ask();
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('10');
        expect(await refused.json()).toMatchObject({ error: { code: 'database-unavailable' } });
        const page = await fetch(`${running.url}/queue`);
        expect([503, 303]).toContain(page.status);
        expect((await fetch(`${running.url}/static/console.css`)).status).toBe(200);
        await cluster.resume();
        const accepted = await ask();
        expect(accepted.status).toBe(202);
        // The API names a case by its unguessable reference, never by the sequential id.
        const { id } = (await accepted.json()) as { id: string };
        await waitUntil(async () => (await findCaseByReference(database, id))?.status === 'awaiting-review', {
          timeoutMs: 20_000,
          what: 'the case to be drafted after the outage',
        });
      } finally {
        await running.stop();
      }
      expect(logged.filter((line) => line.includes('lost the connection'))).toHaveLength(1);
      expect(logged.filter((line) => line.includes('reachable again'))).toHaveLength(1);
      // Neither the worker nor the console logged each failure of the outage.
      expect(consoleLog.filter((line) => /failed|event/.test(line))).toEqual([]);
    });

    it('neither loses nor posts twice an answer claimed before the outage and recorded after it', async () => {
      const { database } = await openDatabase();
      await ingestSources({ database, embedder, inputs: [folder.root] });
      const desk = await openReviewDesk({ database, embedder });
      const { caseId } = await submitInquiry(desk.context, {
        kind: 'citizen-question',
        text: '申请公开政府信息，多长时间能得到答复？',
        surface: 'chat',
        replyTarget: { channel: 'C1', thread: '1.2' },
        authorId: 'U1',
        receivedBy: 'surface:chat',
      });
      await draftCase(desk.context, caseId);
      const version = (await findVersion(database, caseId, 1))!;
      await decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      });
      // The platform takes the post; the server goes away before the delivery is recorded.
      class PostsThenLosesTheDatabase extends RecordingSurface {
        override async deliver(delivery: Delivery) {
          const receipt = await super.deliver(delivery);
          if (this.attempts.length === 1) await cluster.stopNow();
          return receipt;
        }
      }
      const chat = new PostsThenLosesTheDatabase('chat');
      const surfaces = new Map([['chat', chat]]);
      await expect(deliverDueAnswers({ database, surfaces, clock: desk.clock })).rejects.toMatchObject({
        code: 'database-unavailable',
      });
      await cluster.resume();
      // Still claimed by the attempt that posted: nobody posts it meanwhile.
      expect((await deliverDueAnswers({ database, surfaces, clock: desk.clock })).delivered).toEqual([]);
      desk.clock.advance({ seconds: 61 });
      expect((await deliverDueAnswers({ database, surfaces, clock: desk.clock })).delivered).toEqual([caseId]);
      expect(chat.attempts).toHaveLength(2);
      expect(chat.attempts[1]!.idempotencyKey).toBe(chat.attempts[0]!.idempotencyKey);
      expect(chat.posted).toHaveLength(1);
      const events = (await readAuditLog(database, { caseId })).map((entry) => entry.event);
      expect(events.filter((event) => event === 'answer-posted')).toHaveLength(1);
      expect(events).not.toContain('delivery-failed');
      expect((await findCase(database, caseId))!.status).toBe('posted');
      expect(await verifyAuditChain(database)).toMatchObject({ valid: true });
    });

    it('lets an ingest interrupted by a restart wait, then write every document once', async () => {
      const { database, logged } = await openDatabase();
      let resumed: Promise<void> | undefined;
      const summary = await ingestSources({
        database,
        embedder,
        inputs: [folder.root],
        onProgress: (progress) => {
          // Before the one batch is written: the write meets a stopped server.
          if (progress.done === progress.total - 1 && !resumed) {
            cluster.stopNowSync();
            resumed = waitUntil(() => logged.some((line) => line.includes('lost the connection'))).then(() =>
              cluster.resume(),
            );
          }
        },
      });
      await resumed;
      expect(summary).toMatchObject({ added: 7, failed: [] });
      expect(await database.query('SELECT source_uri FROM documents GROUP BY source_uri HAVING count(*) > 1')).toEqual(
        [],
      );
      const results = await hybridSearch({ database, embedder, query: '青禾市政府信息公开实施办法第九条', limit: 3 });
      expect(results[0]?.articleLabel).toBe('第九条');
      expect(logged.filter((line) => line.includes('reachable again'))).toHaveLength(1);
    });
  },
  { ownCluster: true },
);
