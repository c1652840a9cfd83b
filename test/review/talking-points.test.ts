import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { draftAnswer } from '../../drafting/draft-answer.ts';
import { ExtractiveDrafter } from '../../drafting/extractive-drafter.ts';
import {
  decideTalkingPoint,
  findProposal,
  listTalkingPointProposals,
  proposeTalkingPoint,
  withdrawTalkingPoint,
} from '../../review/talking-point-proposals.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

const QUESTION = '青禾大桥为什么封闭了？什么时候恢复通行？';
const TEXT = '青禾大桥自11月23日起封闭检测，预计12月15日恢复通行。封闭期间请绕行青禾二桥，公交线路调整详见“青禾发布”。';
const ask = () =>
  draftAnswer({
    database: sample.database,
    embedder: sample.embedder,
    model: new ExtractiveDrafter(),
    question: QUESTION,
    audience: 'citizen',
    asOf: '2026-11-23',
  });
const refusedWith = (pattern: RegExp) =>
  expect.objectContaining({ code: 'decision-refused', message: expect.stringMatching(pattern) });

describe('talking points written in the console', () => {
  it('are used word for word once another approver publishes them, and no longer once withdrawn', async () => {
    expect((await ask()).drafter).not.toBe('talking-points');
    const id = await proposeTalkingPoint(desk.context, {
      actor: desk.accounts.drafter,
      title: '关于青禾大桥封闭检测的回应口径',
      text: TEXT,
      expiresOn: '2026-12-31',
    });
    // Proposed is not published: nothing uses it yet.
    expect((await ask()).drafter).not.toBe('talking-points');
    expect((await listTalkingPointProposals(sample.database))[0]).toMatchObject({
      id,
      status: 'pending',
      proposedBy: 'drafter-wang',
    });

    await decideTalkingPoint(desk.context, {
      actor: desk.accounts.approver,
      proposalId: id,
      decision: { action: 'publish' },
    });
    const answer = await ask();
    expect(answer).toMatchObject({
      drafter: 'talking-points',
      refused: false,
      talkingPoint: { title: '关于青禾大桥封闭检测的回应口径', approver: 'approver-zhao', expiresOn: '2026-12-31' },
    });
    expect(answer.text).toContain('预计12月15日恢复通行');
    expect(await findProposal(sample.database, id)).toMatchObject({
      status: 'published',
      decidedBy: 'approver-zhao',
      documentId: expect.any(Number),
    });

    await withdrawTalkingPoint(desk.context, {
      actor: desk.accounts.secondApprover,
      proposalId: id,
      reason: '大桥已提前恢复通行',
    });
    expect((await ask()).drafter).not.toBe('talking-points');
    expect((await findProposal(sample.database, id))!.status).toBe('withdrawn');

    const events = (await readAuditLog(sample.database, {}))
      .filter((entry) => String(entry.event).startsWith('talking-point-'))
      .map((entry) => [entry.event, entry.actor]);
    expect(events).toEqual([
      ['talking-point-proposed', expect.stringMatching(/:drafter-wang$/)],
      ['talking-point-published', expect.stringMatching(/:approver-zhao$/)],
      ['talking-point-withdrawn', expect.stringMatching(/:approver-chen$/)],
    ]);
    expect((await verifyAuditChain(sample.database)).valid).toBe(true);
  });

  it('stop once they expire', async () => {
    const id = await proposeTalkingPoint(desk.context, {
      actor: desk.accounts.drafter,
      title: '关于青禾大桥封闭检测的回应口径（更新）',
      text: TEXT,
      expiresOn: '2026-11-30',
    });
    await decideTalkingPoint(desk.context, {
      actor: desk.accounts.secondApprover,
      proposalId: id,
      decision: { action: 'publish' },
    });
    expect((await ask()).drafter).toBe('talking-points');
    const afterExpiry = await draftAnswer({
      database: sample.database,
      embedder: sample.embedder,
      model: new ExtractiveDrafter(),
      question: QUESTION,
      audience: 'citizen',
      asOf: '2026-12-01',
    });
    expect(afterExpiry.drafter).not.toBe('talking-points');
    await withdrawTalkingPoint(desk.context, { actor: desk.accounts.approver, proposalId: id, reason: '测试结束' });
  });

  it('need the right role, a second person to publish, a reason to reject, and a sensible last day; every refusal is recorded', async () => {
    const propose = (overrides: Partial<Parameters<typeof proposeTalkingPoint>[1]>) =>
      proposeTalkingPoint(desk.context, {
        actor: desk.accounts.drafter,
        title: '口径',
        text: TEXT,
        expiresOn: '2026-12-31',
        ...overrides,
      });
    await expect(propose({ actor: desk.accounts.staff })).rejects.toEqual(
      refusedWith(/只有起草人、审核人和管理员可以拟写口径/),
    );
    await expect(propose({ expiresOn: '2026-11-22' })).rejects.toEqual(refusedWith(/口径将已过期/));
    await expect(propose({ expiresOn: '2028-01-01' })).rejects.toEqual(refusedWith(/口径最长使用一年/));
    await expect(propose({ expiresOn: '31/12/2026' })).rejects.toEqual(refusedWith(/YYYY-MM-DD/));
    await expect(propose({ text: '   ' })).rejects.toEqual(refusedWith(/口径全文应为/));
    await expect(propose({ title: '第一行\n第二行' })).rejects.toEqual(refusedWith(/口径标题应为一行/));

    const own = await proposeTalkingPoint(desk.context, {
      actor: desk.accounts.approver,
      title: '口径',
      text: TEXT,
      expiresOn: '2026-12-31',
    });
    await expect(
      decideTalkingPoint(desk.context, {
        actor: desk.accounts.approver,
        proposalId: own,
        decision: { action: 'publish' },
      }),
    ).rejects.toEqual(refusedWith(/不能由本人发布：请另一位审核人发布/));
    await expect(
      decideTalkingPoint(desk.context, {
        actor: desk.accounts.drafter,
        proposalId: own,
        decision: { action: 'publish' },
      }),
    ).rejects.toEqual(refusedWith(/只有审核人和管理员可以/));
    await expect(
      decideTalkingPoint(desk.context, {
        actor: desk.accounts.secondApprover,
        proposalId: own,
        decision: { action: 'reject', reason: ' ' },
      }),
    ).rejects.toEqual(refusedWith(/请说明.*口径的理由/));
    await decideTalkingPoint(desk.context, {
      actor: desk.accounts.secondApprover,
      proposalId: own,
      decision: { action: 'reject', reason: '表述需与交通部门核实' },
    });
    await expect(
      decideTalkingPoint(desk.context, {
        actor: desk.accounts.secondApprover,
        proposalId: own,
        decision: { action: 'publish' },
      }),
    ).rejects.toEqual(refusedWith(/已退回，不能再审核/));
    expect(await findProposal(sample.database, own)).toMatchObject({
      status: 'rejected',
      reason: '表述需与交通部门核实',
      documentId: null,
    });

    const refusals = (await readAuditLog(sample.database, {})).filter(
      (entry) =>
        entry.event === 'decision-refused' && (entry.details as { talkingPoint?: unknown }).talkingPoint !== undefined,
    );
    expect(refusals).toHaveLength(10);
  });
});
