import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { ingestSources } from '../../ingest/ingest-sources.ts';
import { reindexDocuments } from '../../ingest/reindex-documents.ts';
import { loadActiveBankEntries } from '../../ingest/question-bank-queries.ts';
import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { reopenForCorrection } from '../../review/reopen-for-correction.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { withdrawPostedAnswer } from '../../review/withdraw-posted-answer.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

const surfaces = () => new Map([['web', new WebSurface({ database: sample.database, clock: desk.clock })]]);

/** A citizen's question drafted, approved by an approver and delivered to the web surface. */
async function postedCase(text: string) {
  const { caseId } = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-7',
    receivedBy: 'surface:web',
  });
  await draftCase(desk.context, caseId);
  const version = (await findVersion(sample.database, caseId, 1))!;
  await decideCase(desk.context, {
    caseId,
    actor: desk.accounts.approver,
    decision: { action: 'approve', version: 1, textHash: version.textHash },
  });
  await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
  return { caseId, version };
}

const entriesOf = async (caseId: number) =>
  (await loadActiveBankEntries(sample.database)).filter((entry) => entry.caseId === caseId);

// Worded nothing like the posted question: no 多长时间, no 答复, 政务 instead of 政府.
const PARAPHRASE = '我递交了政务信息公开的申请，啥时候给我回话？';

describe('the question bank', () => {
  it('takes in a posted answer: the question as received with personal data redacted, the text posted, and the passages it cites by document and article', async () => {
    const { caseId, version } = await postedCase('申请公开政府信息，多长时间能得到答复？我的电话13912345678');
    const [entry] = await entriesOf(caseId);
    expect(entry).toBeDefined();
    expect(entry!.question).not.toContain('13912345678');
    expect(entry!.question).toContain('多长时间能得到答复');
    expect(entry!.answer).toBe((await findPublicAnswer(sample.database, caseId))!.text);
    expect(entry!.citations.length).toBe(version.sources.length);
    expect(entry!.citations).toContainEqual(
      expect.objectContaining({
        articleLabel: '第九条',
        sourceUri: expect.stringContaining('青禾市政府信息公开实施办法.md'),
      }),
    );
    const posted = (await readAuditLog(sample.database, { caseId })).find((item) => item.event === 'answer-posted');
    expect(posted?.details.questionBankEntry).toBe(entry!.id);
  });

  it('lifts the passages a similar posted answer cited for a question worded differently, and only when the bank is used', async () => {
    const rank = (results: Awaited<ReturnType<typeof hybridSearch>>, label: string | RegExp) =>
      results.findIndex((result) =>
        typeof label === 'string' ? result.articleLabel === label : label.test(result.content),
      ) + 1;
    const search = (questionBank: boolean) =>
      hybridSearch({
        database: sample.database,
        embedder: sample.embedder,
        query: PARAPHRASE,
        limit: 10,
        questionBank,
      });
    const without = await search(false);
    const withBank = await search(true);
    // The FAQ's answer on the deadline is 7th without the bank and first with it; the article second.
    expect(rank(withBank, /申请后多长时间能得到答复/)).toBe(1);
    expect(rank(without, /申请后多长时间能得到答复/)).toBeGreaterThan(3);
    expect(rank(withBank, '第九条')).toBeLessThanOrEqual(rank(without, '第九条'));
    expect(withBank[0]!.matchedBy).toContain('question-bank');
    expect(without.every((result) => !result.matchedBy.includes('question-bank'))).toBe(true);
  });

  it('shows the drafter of a similar new question the closest approved past answer, and never posts it without a new approval', async () => {
    const { caseId: pastCaseId } = await postedCase('政府信息公开申请一般多少个工作日内答复？');
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'citizen-question',
      text: '政府信息公开申请一般多少个工作日内给予答复？',
      surface: 'web',
      authorId: 'browser-8',
      receivedBy: 'surface:web',
    });
    await draftCase(desk.context, caseId);
    const draft = (await findVersion(sample.database, caseId, 1))!;
    expect(draft.similarAnswer).toMatchObject({ caseId: pastCaseId, origin: 'case' });
    expect(draft.similarAnswer!.similarity).toBeGreaterThan(0.5);
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
  });

  it('lets go of a withdrawn answer at once and the public page says so; a drafter, an approver of another unit or a withdrawal without a reason is refused, on record', async () => {
    const { caseId } = await postedCase('依申请公开政府信息要交费吗？');
    expect(await entriesOf(caseId)).toHaveLength(1);
    await expect(
      withdrawPostedAnswer(desk.context, { caseId, actor: desk.accounts.drafter, reason: '有误' }),
    ).rejects.toThrow(/无权撤回/);
    await expect(
      withdrawPostedAnswer(desk.context, { caseId, actor: desk.accounts.otherUnitApprover, reason: '有误' }),
    ).rejects.toThrow(/负责市交通运输局的审核/);
    await expect(
      withdrawPostedAnswer(desk.context, { caseId, actor: desk.accounts.approver, reason: ' ' }),
    ).rejects.toThrow(/请说明撤回答复的理由/);
    expect(await entriesOf(caseId)).toHaveLength(1);

    const { removedFromBank } = await withdrawPostedAnswer(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      reason: '收费标准表述不完整',
    });
    expect(removedFromBank).toBe(1);
    expect(await entriesOf(caseId)).toHaveLength(0);
    expect((await findPublicAnswer(sample.database, caseId))!.withdrawn).toMatchObject({
      reason: '收费标准表述不完整',
    });
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events.filter((event) => event === 'decision-refused')).toHaveLength(3);
    expect(events.at(-1)).toBe('answer-withdrawn');
    // Withdrawn once, there is nothing left to withdraw.
    await expect(
      withdrawPostedAnswer(desk.context, { caseId, actor: desk.accounts.approver, reason: '再次' }),
    ).resolves.toEqual({ removedFromBank: 0 });
  });

  it('takes a posted answer out while it is corrected; the correction, approved by someone else, replaces it in the bank and on the public page', async () => {
    const { caseId } = await postedCase('对政府信息公开答复不满意可以怎么办？');
    const [before] = await entriesOf(caseId);
    await reopenForCorrection(desk.context, { caseId, actor: desk.accounts.approver, reason: '补充复议途径' });
    expect(await entriesOf(caseId)).toHaveLength(0);
    expect((await findCase(sample.database, caseId))!.status).toBe('needs-revision');

    const current = (await findVersion(sample.database, caseId, 1))!;
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'edit', basedOnVersion: 1, text: `${current.text}也可以依法申请行政复议。` },
    });
    const corrected = (await findVersion(sample.database, caseId, 2))!;
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 2, textHash: corrected.textHash },
      }),
    ).rejects.toThrow(/撰写或修改了第 2 版/);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: corrected.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    const [after] = await entriesOf(caseId);
    expect(after!.id).not.toBe(before!.id);
    expect(after!.answer).toContain('也可以依法申请行政复议。');
    expect((await findPublicAnswer(sample.database, caseId))!.text).toContain('也可以依法申请行政复议。');
  });

  it('drops an answer whose cited article was amended, and keeps matching one whose document was re-indexed unchanged', async () => {
    const { caseId } = await postedCase('公共停车场首小时收费多少？');
    const [entry] = await entriesOf(caseId);
    const cited = entry!.citations.find((citation) => citation.sourceUri.endsWith('(2023-06-15).md'));
    expect(cited).toBeDefined();
    const search = () =>
      hybridSearch({
        database: sample.database,
        embedder: sample.embedder,
        query: '公共停车场首小时收费多少？',
        limit: 10,
      });
    const lifted = (results: Awaited<ReturnType<typeof search>>) =>
      results.filter((result) => result.matchedBy.includes('question-bank')).map((result) => result.articleLabel);
    const beforeReindex = await search();
    expect(lifted(beforeReindex)).toContain(cited!.articleLabel);

    // Re-indexing rebuilds every chunk under new ids; the bank cites by document and article, so it still matches.
    await reindexDocuments({ database: sample.database, embedder: sample.embedder });
    const afterReindex = await search();
    expect(lifted(afterReindex)).toContain(cited!.articleLabel);
    const liftedId = (results: typeof afterReindex) =>
      results.find(
        (result) => result.articleLabel === cited!.articleLabel && result.matchedBy.includes('question-bank'),
      )?.chunkId;
    expect(liftedId(afterReindex)).not.toBe(liftedId(beforeReindex));

    // The office amends the regulation: the cited article's text changes in the new version.
    const path = cited!.sourceUri;
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').replace('首小时收费2元', '首小时收费3元'));
    await ingestSources({ database: sample.database, embedder: sample.embedder, inputs: [sample.folder.root] });
    expect(lifted(await search())).toEqual([]);
  });
});
