import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { BlockingSurface } from '../fakes/blocking-surface.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

async function approvedCase(text: string) {
  const received = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-slow',
    receivedBy: 'surface:web',
  });
  const caseId = received.caseId;
  await draftCase(desk.context, caseId);
  const first = (await findVersion(sample.database, caseId, 1))!;
  await decideCase(desk.context, {
    caseId,
    actor: desk.accounts.approver,
    decision: { action: 'approve', version: 1, textHash: first.textHash },
  });
  return { caseId, first };
}

const web = () => new WebSurface({ database: sample.database, clock: desk.clock });
const deliver = (surface: WebSurface | BlockingSurface) =>
  deliverDueAnswers({ database: sample.database, surfaces: new Map([['web', surface]]), clock: desk.clock });
const events = async (caseId: number) => (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
const edit = (caseId: number, text: string) =>
  decideCase(desk.context, {
    caseId,
    actor: desk.accounts.drafter,
    decision: { action: 'edit', basedOnVersion: 1, text },
  });

describe('an edit while the approved answer is being posted', () => {
  it('records version 1 as posted, keeps the case open for version 2, and posts version 2 as a correction once approved', async () => {
    const { caseId, first } = await approvedCase('申请公开政府信息，多长时间能得到答复？');
    const slow = new BlockingSurface(web());
    const delivering = deliver(slow);
    expect((await slow.nextHeld()).text).toBe(renderPublicAnswer(first));

    const correction = `${first.text}如有疑问，可向政府信息公开工作机构咨询。`;
    const edited = await edit(caseId, correction);
    expect(edited.version).toBe(2);
    expect(edited.warnings.join('\n')).toMatch(/已在发布中.*更正/);
    slow.release();
    expect((await delivering).delivered).toEqual([caseId]);

    // What went out is on record as posted: version 1, under its approval.
    const posted = (await readAuditLog(sample.database, { caseId })).filter((entry) => entry.event === 'answer-posted');
    expect(posted.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ version: 1, textHash: first.textHash, correctionAwaitingApproval: 2 }),
    ]);
    expect((await findPublicAnswer(sample.database, caseId))!.text).toBe(renderPublicAnswer(first));
    // The correction is not lost: the case is open with version 2 awaiting approval.
    const open = (await findCase(sample.database, caseId))!;
    expect(open).toMatchObject({ status: 'awaiting-review', currentVersion: 2, closedAt: null });

    const second = (await findVersion(sample.database, caseId, 2))!;
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: second.textHash },
    });
    expect((await deliver(web())).delivered).toEqual([caseId]);
    const answer = (await findPublicAnswer(sample.database, caseId))!;
    expect(answer.text).toBe(renderPublicAnswer(second));
    expect(answer.corrects).toBeInstanceOf(Date);
    expect((await findCase(sample.database, caseId))!.status).toBe('posted');
    expect(await events(caseId)).toEqual([
      'inquiry-received',
      'draft-created',
      'draft-approved',
      'approval-voided',
      'draft-edited',
      'answer-posted',
      'draft-approved',
      'answer-posted',
    ]);
    expect(await verifyAuditChain(sample.database)).toMatchObject({ valid: true });
  });

  it('finishes a post that was under way when its worker stopped, after an edit, and records it once', async () => {
    const { caseId, first } = await approvedCase('政府信息公开申请需要什么材料？');
    const hung = new BlockingSurface(web());
    const stuck = deliver(hung);
    await hung.nextHeld();
    await edit(caseId, `${first.text}请留意。`);

    // The first worker's claim lapses; another takes the item over. It may have been posted already, so it is
    // posted again under the same key (the surface keeps one) rather than dropped because the approval was voided.
    desk.clock.advance({ seconds: 61 });
    expect((await deliver(web())).delivered).toEqual([caseId]);
    hung.release();
    await stuck;
    const published = await sample.database.query('SELECT text FROM public_answers WHERE case_id = $1', [caseId]);
    expect(published).toEqual([{ text: renderPublicAnswer(first) }]);
    expect((await events(caseId)).filter((event) => event === 'answer-posted')).toHaveLength(1);
    expect((await findCase(sample.database, caseId))!).toMatchObject({ status: 'awaiting-review', currentVersion: 2 });
  });

  it('never posts, after a failed attempt, a text that an edit replaced while the attempt was under way', async () => {
    const { caseId, first } = await approvedCase('依申请公开政府信息收费吗？');
    const flaky = new BlockingSurface(web());
    const attempt = deliver(flaky);
    await flaky.nextHeld();
    await edit(caseId, `${first.text}请留意收费标准。`);
    flaky.fail();
    expect((await attempt).retrying).toEqual([caseId]);

    desk.clock.advance({ seconds: 3 });
    expect((await deliver(web())).refused).toEqual([caseId]);
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
    expect(await events(caseId)).toContain('delivery-refused');
    expect((await findCase(sample.database, caseId))!).toMatchObject({ status: 'awaiting-review', currentVersion: 2 });
  });
});
