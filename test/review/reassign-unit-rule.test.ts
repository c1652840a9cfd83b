import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { createAccount } from '../../review/accounts/accounts.ts';
import { decideCase } from '../../review/decide-case.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

async function draftedCase(text: string) {
  const received = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-reassign',
    receivedBy: 'surface:web',
  });
  await draftCase(desk.context, received.caseId);
  const found = (await findCase(sample.database, received.caseId))!;
  return { caseId: received.caseId, found, version: (await findVersion(sample.database, received.caseId, 1))! };
}

const outboxRows = async (caseId: number) =>
  (await sample.database.query('SELECT 1 FROM outbox WHERE case_id = $1', [caseId])).length;

describe('reassigning a case', () => {
  it('refuses an approver of another unit who tries to pull a case into their own unit and approve it there', async () => {
    const { caseId, found, version } = await draftedCase('申请公开政府信息需要提交什么材料？');
    const attacker = desk.accounts.otherUnitApprover; // approves for 市交通运输局 only
    expect(found.unit).not.toBe(attacker.unit);
    const approve = { action: 'approve' as const, version: 1, textHash: version.textHash };

    await expect(decideCase(desk.context, { caseId, actor: attacker, decision: approve })).rejects.toThrow(
      /负责市交通运输局的审核/,
    );
    await expect(
      decideCase(desk.context, { caseId, actor: attacker, decision: { action: 'reassign', unit: attacker.unit! } }),
    ).rejects.toThrow(/只有.*可以转办/);
    await expect(decideCase(desk.context, { caseId, actor: attacker, decision: approve })).rejects.toThrow(
      /负责市交通运输局的审核/,
    );

    const after = (await findCase(sample.database, caseId))!;
    expect(after).toMatchObject({ unit: found.unit, status: 'awaiting-review' });
    expect(await outboxRows(caseId)).toBe(0);
    const refused = (await readAuditLog(sample.database, { caseId })).filter(
      (entry) => entry.event === 'decision-refused',
    );
    expect(refused.map((entry) => entry.details.action)).toEqual(['approve', 'reassign', 'approve']);
  });

  it('does not let whoever moved a case into a unit approve it there: another approver of that unit must', async () => {
    const { caseId, version } = await draftedCase('政府信息公开申请可以通过哪些方式提交？');
    const approve = { action: 'approve' as const, version: 1, textHash: version.textHash };
    // An approver for every unit may hand the case on, but not sign off what they routed.
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'reassign', unit: '市交通运输局' },
    });
    await expect(
      decideCase(desk.context, { caseId, actor: desk.accounts.approver, decision: approve }),
    ).rejects.toThrow(/不能再由本人批准/);
    expect(await outboxRows(caseId)).toBe(0);
    await decideCase(desk.context, { caseId, actor: desk.accounts.otherUnitApprover, decision: approve });
    expect((await findCase(sample.database, caseId))!.status).toBe('approved');
  });

  it("lets an approver hand their own unit's case to another unit, and then not approve it", async () => {
    const { caseId, version } = await draftedCase('依申请公开的信息可以邮寄吗？');
    const transport = await createAccount(sample.database, {
      username: 'approver-transport-2',
      password: 'correct horse battery',
      role: 'approver',
      unit: '市交通运输局',
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'reassign', unit: '市交通运输局' },
    });
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.otherUnitApprover,
        decision: { action: 'reassign', unit: '市交通运输局' },
      }),
    ).rejects.toThrow(/无需转办/);
    await decideCase(desk.context, {
      caseId,
      actor: transport,
      decision: { action: 'reassign', unit: '市政府办公室' },
    });
    expect((await findCase(sample.database, caseId))!.unit).toBe('市政府办公室');
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: transport,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      }),
    ).rejects.toThrow(/负责市交通运输局的审核/);
  });
});
