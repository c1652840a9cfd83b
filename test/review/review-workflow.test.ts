import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { createReviewContext } from '../../review/create-review-context.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase, draftReceivedCases } from '../../review/draft-case.ts';
import { findCase, findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { linkIdentity } from '../../review/accounts/accounts.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { decideAsIdentity } from '../../review/decide-as-identity.ts';
import { ReviewWorker } from '../../review/review-worker.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai-server.ts';
import { RecordingSurface } from '../fakes/recording-surface.ts';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.ts';
import { ScriptedTriager } from '../fakes/scripted-triager.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

async function draftedCase(text = '申请公开政府信息，多长时间能得到答复？我的电话是13912345678。') {
  const received = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-1',
    receivedBy: 'surface:web',
  });
  await draftCase(desk.context, received.caseId);
  const found = (await findCase(sample.database, received.caseId))!;
  return { ...received, found, version: (await findVersion(sample.database, received.caseId, found.currentVersion))! };
}

const surfaces = () => new Map([['web', new WebSurface({ database: sample.database, clock: desk.clock })]]);

describe('review workflow', () => {
  it('takes a citizen question from receipt to a posted answer: draft, edit, approval by someone else, delivery, audit', async () => {
    const { caseId, found, version } = await draftedCase();
    expect(found.status).toBe('awaiting-review');
    expect(found.displayText).not.toContain('13912345678');
    expect(version.text).toContain('[1]');
    expect(version.drafter).toBe('extractive-v1');

    // A reviewer adds a sentence before the closing (the 落款 stays last).
    const editedText = version.text.replace(
      '如需进一步了解',
      '如有疑问，可向政府信息公开工作机构咨询。\n如需进一步了解',
    );
    const edit = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'edit', basedOnVersion: 1, text: editedText },
    });
    expect(edit.version).toBe(2);
    const edited = (await findVersion(sample.database, caseId, 2))!;
    expect(edited.diff?.filter((part) => part.kind === 'added').map((part) => part.text)).toEqual([
      '如有疑问，可向政府信息公开工作机构咨询。',
    ]);

    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 2, textHash: edited.textHash },
      }),
    ).rejects.toThrow(/撰写或修改了第 2 版/);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: edited.textHash },
    });
    expect((await findCase(sample.database, caseId))!.status).toBe('approved');
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();

    const report = await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    expect(report.delivered).toEqual([caseId]);
    const answer = (await findPublicAnswer(sample.database, caseId))!;
    expect(answer.text).toContain('如有疑问，可向政府信息公开工作机构咨询。');
    expect(answer.text).toContain('依据：\n[1] 《');
    expect((await findCase(sample.database, caseId))!.status).toBe('posted');

    const story = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(story).toEqual([
      'inquiry-received',
      'draft-created',
      'draft-edited',
      'decision-refused',
      'draft-approved',
      'answer-posted',
    ]);
    expect(await verifyAuditChain(sample.database)).toMatchObject({ valid: true });
    expect(JSON.stringify(await readAuditLog(sample.database, { caseId }))).not.toContain('13912345678');
  });

  it('checks roles and units: staff cannot edit, a drafter cannot approve, an approver of another unit cannot approve', async () => {
    const { caseId, version } = await draftedCase('申请公开政府信息需要提交什么材料？');
    const approve = { action: 'approve' as const, version: 1, textHash: version.textHash };
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.staff,
        decision: { action: 'edit', basedOnVersion: 1, text: '改写。' },
      }),
    ).rejects.toThrow(/无权修改/);
    await expect(decideCase(desk.context, { caseId, actor: desk.accounts.drafter, decision: approve })).rejects.toThrow(
      /无权批准/,
    );
    await expect(
      decideCase(desk.context, { caseId, actor: desk.accounts.otherUnitApprover, decision: approve }),
    ).rejects.toThrow(/负责市交通运输局的审核/);
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { ...approve, textHash: 'f'.repeat(64) },
      }),
    ).rejects.toThrow(/与记录中的文本不一致/);
    const refusals = (await readAuditLog(sample.database, { caseId })).filter(
      (entry) => entry.event === 'decision-refused',
    );
    expect(refusals.map((entry) => entry.details.action)).toEqual(['edit', 'approve', 'approve', 'approve']);
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
  });

  it('voids an approval when the text is edited afterwards, and never posts the edited text without a new approval', async () => {
    const { caseId, version } = await draftedCase('依申请公开政府信息收费吗？');
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, text: `${version.text}\n请留意。` },
    });
    const report = await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    expect(report.delivered).not.toContain(caseId);
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events).toContain('approval-voided');
    // The old hash no longer approves anything.
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.secondApprover,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      }),
    ).rejects.toThrow(/已不是当前版本/);
  });

  it('flags edited sentences that their citations do not support, and redacts personal data typed into an edit', async () => {
    const { caseId, version } = await draftedCase('政府信息公开申请的答复期限是多久？');
    const outcome = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: {
        action: 'edit',
        basedOnVersion: 1,
        text: `${version.text}\n逾期将赔偿申请人500元。[1]请联系张先生13812345678。`,
      },
    });
    expect(outcome.warnings.join('\n')).toMatch(/500/);
    expect(outcome.warnings.join('\n')).toMatch(/个人信息/);
    const edited = (await findVersion(sample.database, caseId, 2))!;
    expect(edited.text).not.toContain('13812345678');
    expect(edited.verification.removed.map((sentence) => sentence.text)).toContain('逾期将赔偿申请人500元。');
  });

  it('rejects, escalates, reassigns and reclassifies with a reason on record, moving the deadline with the severity', async () => {
    const received = await submitInquiry(desk.context, {
      kind: 'opinion-item',
      text: '网传青禾市临江区一小区发生火灾，有人受伤',
      surface: 'api',
      authorId: 'monitor-7',
      receivedBy: 'api:monitor',
    });
    await draftCase(desk.context, received.caseId);
    const caseId = received.caseId;
    await expect(
      decideCase(desk.context, { caseId, actor: desk.accounts.approver, decision: { action: 'reject', reason: '  ' } }),
    ).rejects.toThrow(/理由/);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'reject', reason: '事实未核实' },
    });
    expect((await findCase(sample.database, caseId))!.status).toBe('needs-revision');
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'reassign', unit: '临江区人民政府' },
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'escalate', reason: '涉及人员伤亡' },
    });
    const before = (await findCase(sample.database, caseId))!;
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'reclassify', severity: '重大' },
    });
    const after = (await findCase(sample.database, caseId))!;
    expect(after).toMatchObject({ status: 'escalated', unit: '临江区人民政府', severity: '重大' });
    expect(after.dueAt.getTime() - after.receivedAt.getTime()).toBe(5 * 3_600_000);
    expect(after.dueAt.getTime()).toBeLessThan(before.dueAt.getTime());
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => [
      entry.event,
      entry.details.reason ?? entry.details.to ?? null,
    ]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['draft-rejected', '事实未核实'],
        ['case-reassigned', '临江区人民政府'],
        ['case-escalated', '涉及人员伤亡'],
        ['case-reclassified', '重大'],
      ]),
    );
  });

  it('answers a staff question at once on the record, closed, never reviewable or postable', async () => {
    const { caseId, answer } = await answerStaffQuestion(desk.context, {
      question: '公共停车场收费标准由谁制定？',
      asker: desk.accounts.staff,
      surface: 'web',
    });
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.text).not.toContain('您好');
    expect((await findCase(sample.database, caseId))!).toMatchObject({
      kind: 'staff-question',
      status: 'answered-internally',
    });
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 1, textHash: answer.textHash },
      }),
    ).rejects.toThrow(/已内部答复/);
    expect((await readAuditLog(sample.database, { caseId })).map((entry) => entry.event)).toEqual([
      'inquiry-received',
      'draft-created',
      'internal-answer-shown',
      'decision-refused',
    ]);
    expect(await sample.database.query('SELECT 1 FROM outbox WHERE case_id = $1', [caseId])).toEqual([]);
  });

  it("tells chat reviewers of a new draft with its text, hash and actions, and takes their decisions with the linked account's role", async () => {
    const chat = new RecordingSurface('chat');
    // One surface may answer to two names (the web console also answers the API): it is told once.
    const worker = new ReviewWorker({
      context: desk.context,
      surfaces: new Map([
        ['chat', chat],
        ['chat-api', chat],
      ]),
    });
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'citizen-question',
      text: '政府信息公开申请可以通过哪些方式提交？',
      surface: 'chat',
      replyTarget: { channel: 'C9', thread: '9.9' },
      authorId: 'U-citizen',
      receivedBy: 'surface:chat',
    });
    await worker.kick('draft');
    await worker.stop();
    expect(chat.notices.filter((candidate) => candidate.caseId === caseId)).toHaveLength(1);
    const notice = chat.notices.find((candidate) => candidate.caseId === caseId)!;
    expect(notice).toMatchObject({
      kind: 'draft-ready',
      actions: expect.arrayContaining(['approve', 'reject']),
      draft: { version: 1, textHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const approve = { action: 'approve' as const, version: 1, textHash: notice.draft!.textHash };
    await expect(
      decideAsIdentity(desk.context, { surface: 'chat', externalId: 'U-stranger', caseId, decision: approve }),
    ).rejects.toThrow(/未关联 huiying 账号/);
    await linkIdentity(sample.database, {
      username: desk.accounts.drafter.username,
      surface: 'chat',
      externalId: 'U-drafter',
    });
    await expect(
      decideAsIdentity(desk.context, { surface: 'chat', externalId: 'U-drafter', caseId, decision: approve }),
    ).rejects.toThrow(/无权批准/);
    await linkIdentity(sample.database, {
      username: desk.accounts.secondApprover.username,
      surface: 'chat',
      externalId: 'U-approver',
    });
    await decideAsIdentity(desk.context, { surface: 'chat', externalId: 'U-approver', caseId, decision: approve });
    const audit = await readAuditLog(sample.database, { caseId });
    expect(audit.map((entry) => [entry.event, entry.actor])).toEqual([
      ['inquiry-received', 'surface:chat'],
      ['draft-created', 'drafter:extractive-v1'],
      ['decision-refused', 'chat:U-stranger'],
      ['decision-refused', `account:${desk.accounts.drafter.id}:drafter-wang`],
      ['draft-approved', `account:${desk.accounts.secondApprover.id}:approver-chen`],
    ]);
  });

  it('keeps a case whose drafting failed, says why, and drafts it on a run after a short pause', async () => {
    const failing = new ScriptedChatModel(() => {
      throw new Error('model endpoint answered 503');
    });
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'citizen-question',
      text: '申请公开政府信息需要提交什么材料？',
      surface: 'web',
      authorId: 'b',
      receivedBy: 'surface:web',
    });
    const first = await draftReceivedCases({ ...desk.context, model: failing });
    expect(first.failed).toEqual([{ caseId, error: 'model endpoint answered 503' }]);
    expect((await findCase(sample.database, caseId))!).toMatchObject({
      status: 'received',
      draftError: 'model endpoint answered 503',
    });
    // Not at once: a model that is down is not called again in a loop.
    expect((await draftReceivedCases(desk.context)).drafted).not.toContain(caseId);
    desk.clock.advance({ seconds: 10 });
    expect((await draftReceivedCases(desk.context)).drafted).toContain(caseId);
    expect((await findCase(sample.database, caseId))!).toMatchObject({ status: 'awaiting-review', draftError: null });
  });

  it('leaves the triage made at receipt alone when no model triager is configured', async () => {
    // No topic is recognised, so the rules name no competent unit; applying them a second time would move the case
    // from the default unit to "主管部门待确定".
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'opinion-item',
      text: '网传某地夜空出现不明发光物体',
      surface: 'api',
      authorId: 'monitor',
      receivedBy: 'api:monitor',
    });
    expect(desk.context.triager.refinesReceiptRules).toBe(false);
    await draftCase(desk.context, caseId);
    expect((await findCase(sample.database, caseId))!).toMatchObject({
      severity: '一般',
      unit: '市政府办公室',
      status: 'awaiting-review',
    });
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events).toEqual(['inquiry-received', 'draft-created']);
  });

  it("takes a configured model's triage of an opinion item, moving its deadline, on record", async () => {
    const triager = new ScriptedTriager(() => ({
      topic: '安全生产',
      severity: '重大',
      severityBasis: '网传多人被困',
      responsibleUnits: ['临江区人民政府（属地管理）', '应急管理部门（谁主管谁负责）'],
      escalationReasons: [],
    }));
    const context = { ...desk.context, triager };
    const { caseId } = await submitInquiry(context, {
      kind: 'opinion-item',
      text: '网传临江区一商场起火，多人被困',
      surface: 'api',
      authorId: 'monitor',
      receivedBy: 'api:monitor',
    });
    expect((await findCase(sample.database, caseId))!.severity).toBe('一般');
    await draftCase(context, caseId);
    const found = (await findCase(sample.database, caseId))!;
    expect(found).toMatchObject({ severity: '重大', unit: '应急管理部门', status: 'awaiting-review' });
    expect(found.dueAt.getTime() - found.receivedAt.getTime()).toBe(5 * 3_600_000);
    const reclassified = (await readAuditLog(sample.database, { caseId })).find(
      (entry) => entry.event === 'case-reclassified',
    )!;
    expect(reclassified).toMatchObject({
      actor: 'triage:scripted-test-triager',
      details: { from: '一般', to: '重大', basis: '网传多人被困' },
    });
  });

  it('triages and drafts through LangChain when HUIYING_MODEL_PROVIDER=langchain, the triage on record', async () => {
    const fake = new FakeOpenAIServer({ dimensions: 8 });
    const baseURL = await fake.start();
    try {
      const context = createReviewContext({
        config: loadConfig({
          environment: { CHAT_MODEL: 'qwen-plus', OPENAI_BASE_URL: baseURL, HUIYING_MODEL_PROVIDER: 'langchain' },
          dotenvPath: '/nonexistent/.env',
        }),
        database: sample.database,
        embedder: sample.embedder,
        clock: desk.clock,
      });
      fake.chatReplies.push({
        content: JSON.stringify({
          topic: '安全生产',
          severity: '重大',
          severity_basis: '网传多人被困',
          responsible_units: ['临江区人民政府（属地管理）', '应急管理部门（谁主管谁负责）'],
          authoritative_release_due: true,
        }),
      });
      const { caseId } = await submitInquiry(context, {
        kind: 'opinion-item',
        text: '网传临江区一商场起火，多人被困，联系人13912345678',
        surface: 'api',
        authorId: 'monitor',
        receivedBy: 'api:monitor',
      });
      await draftCase(context, caseId);
      const triageRequest = fake.requests[0]!.body as {
        tools: Array<{ function: { name: string } }>;
        messages: Array<{ content: string }>;
      };
      expect(triageRequest.tools[0]!.function.name).toBe('triage');
      // The model sees the redacted text only.
      expect(triageRequest.messages[1]!.content).not.toContain('13912345678');
      const found = (await findCase(sample.database, caseId))!;
      expect(found).toMatchObject({ severity: '重大', unit: '应急管理部门', status: 'awaiting-review' });
      expect((await findVersion(sample.database, caseId, 1))!.drafter).toBe('langchain:qwen-plus');
      const reclassified = (await readAuditLog(sample.database, { caseId })).find(
        (entry) => entry.event === 'case-reclassified',
      );
      expect(reclassified).toMatchObject({ actor: 'triage:langchain:qwen-plus', details: { to: '重大' } });
    } finally {
      await fake.close();
    }
  });
});
