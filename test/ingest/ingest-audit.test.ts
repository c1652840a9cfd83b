import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import type { Database } from '../../db/database.ts';
import { HashingEmbedder } from '../../embed/hashing-embedder.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { openTestPglite } from '../support/test-databases.ts';

const embedder = new HashingEmbedder({ dimensions: 64 });
const GOOD = '# 青禾市示例规定\n\n第一条 为了规范管理，制定本规定。\n\n第二条 本规定自公布之日起施行。\n';

describe('every ingest run is on the audit record', () => {
  let database: Database;
  const folder = fixtureFolder();
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  const runs = async () => (await readAuditLog(database)).filter((entry) => entry.event === 'sources-ingested');

  beforeAll(async () => {
    database = await openTestPglite();
    folder.write('good.md', GOOD);
    folder.write('empty.txt', '');
  });
  afterAll(async () => {
    await database.close();
    folder.remove();
  });

  it('records who ingested what, and how many sources were added, left unchanged and failed', async () => {
    await ingestSources({ database, embedder, inputs: [folder.root], actor: 'console:admin', clock });
    clock.advance({ minutes: 5 });
    await ingestSources({ database, embedder, inputs: [folder.root], clock });
    const [first, second] = await runs();
    expect(first).toMatchObject({
      caseId: null,
      actor: 'console:admin',
      occurredAt: new Date('2026-11-23T01:00:00Z'),
      details: {
        inputs: [folder.root],
        scanned: 2,
        added: 1,
        updated: 0,
        unchanged: 0,
        failed: 1,
        failures: [{ source: folder.path('empty.txt'), code: 'source-empty' }],
      },
    });
    // Run from a terminal, the actor is the operating-system account.
    expect(second!.actor).toMatch(/^cli:./);
    expect(second!.details).toMatchObject({ added: 0, unchanged: 1, failed: 1 });
    expect(await verifyAuditChain(database)).toMatchObject({ valid: true });
  });

  it('records a run that stopped, with what stopped it', async () => {
    await expect(
      ingestSources({ database, embedder, inputs: [folder.path('empty.txt')], strict: true, actor: 'cli:ops' }),
    ).rejects.toMatchObject({ code: 'source-empty' });
    const stopped = (await runs()).at(-1)!;
    expect(stopped.actor).toBe('cli:ops');
    expect(stopped.details).toMatchObject({ strict: true, added: 0 });
    expect(stopped.details.stoppedBy).toMatch(/empty/);
  });
});
