import { randomBytes } from 'node:crypto';
import { createApiKey } from '../review/accounts/api-keys.ts';
import { createAccount } from '../review/accounts/accounts.ts';
import type { HuiyingConfig } from '../config/load-config.ts';
import { runConsole } from '../console/run-console.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { percentiles } from './percentiles.ts';
import { decideCase } from '../review/decide-case.ts';
import { findCaseByReference, findVersion } from '../review/read-cases.ts';

export type ReviewBenchReport = {
  /** From sending POST /api/inquiries to the first draft stored, for inquiries sent all at once. */
  inquiries: { concurrent: number; p50Ms: number; p95Ms: number; maxMs: number };
  /** From an approval to the answer published on the web surface. */
  approveToDelivered: { approvals: number; p50Ms: number; p95Ms: number; maxMs: number };
};

const TIMEOUT_MS = 120_000;

/**
 * Sends `concurrent` inquiries at once through the real HTTP API of a running console, waits until each is triaged
 * and drafted, then approves each and times until its answer is published.
 */
export async function runReviewBench(options: {
  config: HuiyingConfig;
  database: Database;
  embedder: Embedder;
  questions: ReadonlyArray<string>;
  concurrent?: number;
}): Promise<ReviewBenchReport> {
  const concurrent = options.concurrent ?? 50;
  // The index is warm already; a warm-up now would compete with the burst being timed.
  const running = await runConsole({
    config: options.config,
    database: options.database,
    embedder: options.embedder,
    port: 0,
    warmUpSearches: 0,
    log: () => {},
  });
  try {
    const suffix = randomBytes(4).toString('hex');
    const { key } = await createApiKey(options.database, { name: `bench-${suffix}` });
    const approver = await createAccount(options.database, {
      username: `bench-approver-${suffix}`,
      password: randomBytes(12).toString('hex'),
      role: 'approver',
    });
    const questions = Array.from(
      { length: concurrent },
      (_, index) => options.questions[index % options.questions.length]!,
    );

    const sent = await Promise.all(
      questions.map(async (question, index) => {
        const started = Date.now();
        const response = await fetch(`${running.url}/api/inquiries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'citizen-question', text: question, author: { id: `bench-${index}` } }),
        });
        if (response.status !== 202)
          throw new Error(`POST /api/inquiries answered ${response.status}: ${await response.text()}`);
        const reference = ((await response.json()) as { id: string }).id;
        return { caseId: (await findCaseByReference(options.database, reference))!.id, started };
      }),
    );
    const caseIds = sent.map((item) => item.caseId);
    const drafted = await waitFor(
      options.database,
      `SELECT case_id AS id, created_at AS at FROM draft_versions WHERE version = 1 AND case_id = ANY($1::bigint[])`,
      caseIds,
    );
    const inquiryLatencies = sent.map((item) => drafted.get(item.caseId)! - item.started);

    const approvedAt = new Map<number, number>();
    for (const caseId of caseIds) {
      const version = (await findVersion(options.database, caseId, 1))!;
      approvedAt.set(caseId, Date.now());
      await decideCase(running.context, {
        caseId,
        actor: approver,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      });
      void running.worker.kick('deliver');
    }
    const delivered = await waitFor(
      options.database,
      `SELECT case_id AS id, published_at AS at FROM public_answers WHERE case_id = ANY($1::bigint[])`,
      caseIds,
    );
    const deliveryLatencies = caseIds.map((caseId) => delivered.get(caseId)! - approvedAt.get(caseId)!);
    return {
      inquiries: { concurrent, ...summary(inquiryLatencies) },
      approveToDelivered: { approvals: caseIds.length, ...summary(deliveryLatencies) },
    };
  } finally {
    await running.stop();
  }
}

// Polls until every case has a row in the query's result; returns each case's timestamp in milliseconds.
async function waitFor(database: Database, sql: string, caseIds: number[]): Promise<Map<number, number>> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const rows = await database.query<{ id: string; at: string }>(sql, [caseIds]);
    if (rows.length >= caseIds.length) return new Map(rows.map((row) => [Number(row.id), new Date(row.at).getTime()]));
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${TIMEOUT_MS / 1000} s: ${rows.length} of ${caseIds.length} done.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function summary(latencies: number[]): { p50Ms: number; p95Ms: number; maxMs: number } {
  const { p50Ms, p95Ms } = percentiles(latencies);
  return { p50Ms, p95Ms, maxMs: latencies.reduce((highest, latency) => Math.max(highest, latency), -Infinity) };
}
