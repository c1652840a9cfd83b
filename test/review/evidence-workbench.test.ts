import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { verifyAuditChain } from '../../audit/verify-audit-chain.ts';
import { WebSurface } from '../../console/web-surface.ts';
import { closestApprovedAnswers } from '../../retrieval/closest-approved-answer.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findPublicAnswer, findVersion } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;
// Article 12 (complaints, 行政复议): retrieval does not offer it for a question about how long an answer takes.
let complaints: number;
const COMPLAINT_SENTENCE = '对答复不满意的，可以依法申请行政复议或者提起行政诉讼。';

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
  const [row] = await sample.database.query<{ id: string }>(
    `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE d.title = '青禾市政府信息公开实施办法' AND c.article_label = '第十二条'`,
  );
  complaints = Number(row!.id);
});

async function draftedCase(text = '申请公开政府信息，多长时间能得到答复？') {
  const received = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text,
    surface: 'web',
    authorId: 'browser-1',
    receivedBy: 'surface:web',
  });
  await draftCase(desk.context, received.caseId);
  const found = (await findCase(sample.database, received.caseId))!;
  return {
    caseId: received.caseId,
    version: (await findVersion(sample.database, received.caseId, found.currentVersion))!,
  };
}

const current = async (caseId: number) => {
  const found = (await findCase(sample.database, caseId))!;
  return { found, version: (await findVersion(sample.database, caseId, found.currentVersion))! };
};
const surfaces = () => new Map([['web', new WebSurface({ database: sample.database, clock: desk.clock })]]);

describe("evidence on the case page: adding and removing a draft's sources", () => {
  it('adds a passage retrieval missed, verifies a sentence citing it, records who changed the evidence, and publishes it', async () => {
    const { caseId, version } = await draftedCase();
    const next = version.sources.length + 1;
    expect(version.sources.map((source) => source.number)).toEqual([1, 2, 3]);
    expect(version.sources.some((source) => source.chunkId === complaints)).toBe(false);
    const added = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
    });
    expect(added).toMatchObject({ version: 2, warnings: [] });
    const withSource = (await current(caseId)).version;
    expect(withSource.text).toBe(version.text);
    expect(withSource.sources.at(-1)).toMatchObject({
      number: next,
      chunkId: complaints,
      citation: expect.stringContaining('第十二条'),
    });
    expect(withSource.evidenceChanges).toEqual({
      added: [{ number: next, chunkId: complaints, citation: withSource.sources.at(-1)!.citation }],
      removed: [],
    });

    const text = withSource.text.replace(/(如需进一步了解)/, `${COMPLAINT_SENTENCE}[${next}]\n$1`);
    const edited = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 2, text },
    });
    expect(edited.warnings).toEqual([]);
    const final = (await current(caseId)).version;
    expect(final.verification.removed).toEqual([]);
    expect(final.sentences.find((sentence) => sentence.text === COMPLAINT_SENTENCE)?.sources).toEqual([next]);

    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: final.version, textHash: final.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    const published = (await findPublicAnswer(sample.database, caseId))!.text;
    expect(published).toContain(`${COMPLAINT_SENTENCE}[${next}]`);
    expect(published).toMatch(
      /依据：\n\[1\] .+\n\[2\] .+\n\[3\] .+\n\[4\] 《青禾市政府信息公开实施办法》（青政发〔2024〕3号）第十二条$/,
    );

    const story = await readAuditLog(sample.database, { caseId });
    expect(story.map((entry) => entry.event)).toEqual([
      'inquiry-received',
      'draft-created',
      'draft-edited',
      'evidence-changed',
      'draft-edited',
      'draft-approved',
      'answer-posted',
    ]);
    expect(story[3]).toMatchObject({
      actor: expect.stringContaining('drafter-wang'),
      details: { version: 2, summary: expect.stringMatching(/^加入 \[4\] 《青禾市政府信息公开实施办法》/) },
    });
    expect(await verifyAuditChain(sample.database)).toMatchObject({ valid: true });
  });

  it('voids an approval when the sources change, even with the text unchanged; the old approval cannot be replayed', async () => {
    const { caseId, version } = await draftedCase();
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
    });
    const { found, version: changed } = await current(caseId);
    expect(found.status).toBe('awaiting-review');
    // Nothing the public sees changed (the new source is cited by no sentence): the hash is the same, the version not.
    expect(changed.textHash).toBe(version.textHash);
    const [outbox] = await sample.database.query<{ status: string }>('SELECT status FROM outbox WHERE case_id = $1', [
      caseId,
    ]);
    expect(outbox!.status).toBe('voided');
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.secondApprover,
        decision: { action: 'approve', version: 1, textHash: version.textHash },
      }),
    ).rejects.toThrow(/已不是当前版本/);
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events.slice(-4)).toEqual(['approval-voided', 'draft-edited', 'evidence-changed', 'decision-refused']);
    // Whoever changed the evidence may not approve it; another approver may.
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'approve', version: 2, textHash: changed.textHash },
      }),
    ).rejects.toThrow(/无权批准草稿/);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: changed.textHash },
    });
  });

  it('refuses to remove a source the text still cites, and a removed source cannot still be cited', async () => {
    const { caseId, version } = await draftedCase();
    const removeTwo = () =>
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'edit', basedOnVersion: version.version, removeSources: [2] },
      });
    await expect(removeTwo()).rejects.toThrow(/依据 \[2\] 仍被以下句子引用/);
    expect((await current(caseId)).found.currentVersion).toBe(1);

    // The same save drops the sentences citing [2]: then [2] goes.
    const withoutTwo = version.text
      .split(/(?<=\])/)
      .filter((piece) => !piece.includes('[2]'))
      .join('');
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, text: withoutTwo, removeSources: [2] },
    });
    const removed = (await current(caseId)).version;
    const kept = version.sources.map((source) => source.number).filter((number) => number !== 2);
    expect(removed.sources.map((source) => source.number)).toEqual(kept);
    expect(removed.evidenceChanges?.removed.map((source) => source.number)).toEqual([2]);

    // Citing [2] again: flagged as citing what the list does not have, and no approval while it does.
    const cited = `${removed.text}行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。[2]`;
    const outcome = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 2, text: cited },
    });
    expect(outcome.warnings.join()).toContain('引用了 [2]，本版依据列表中没有该编号');
    const dangling = (await current(caseId)).version;
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 3, textHash: dangling.textHash },
      }),
    ).rejects.toThrow(/\[2\] 不在本版依据列表中/);
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();

    // A passage added now is a new number, never the removed one: [2] cannot come to mean another passage.
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 3, addSources: [complaints] },
    });
    expect((await current(caseId)).version.sources.map((source) => source.number)).toEqual([
      ...kept,
      version.sources.length + 1,
    ]);
  });

  it('refuses evidence changes from a role without edit, a passage that does not exist or is listed, and a stale version; each on record', async () => {
    const { caseId, version } = await draftedCase();
    const attempt = (actor: keyof ReviewDesk['accounts'], decision: Parameters<typeof decideCase>[1]['decision']) =>
      decideCase(desk.context, { caseId, actor: desk.accounts[actor], decision });
    await expect(attempt('staff', { action: 'edit', basedOnVersion: 1, addSources: [complaints] })).rejects.toThrow(
      /无权修改草稿/,
    );
    await expect(attempt('staff', { action: 'redraft', basedOnVersion: 1 })).rejects.toThrow(/无权修改草稿/);
    await expect(attempt('staff', { action: 'adopt-answer', basedOnVersion: 1, entryId: 1 })).rejects.toThrow(
      /无权修改草稿/,
    );
    await expect(attempt('drafter', { action: 'edit', basedOnVersion: 1, addSources: [987_654_321] })).rejects.toThrow(
      /已不存在/,
    );
    await expect(
      attempt('drafter', { action: 'edit', basedOnVersion: 1, addSources: [version.sources[0]!.chunkId] }),
    ).rejects.toThrow(/已是依据 \[1\]/);
    await expect(attempt('drafter', { action: 'edit', basedOnVersion: 1, removeSources: [7] })).rejects.toThrow(
      /没有第 \[7\] 条依据/,
    );
    await attempt('drafter', { action: 'edit', basedOnVersion: 1, addSources: [complaints] });
    await expect(attempt('approver', { action: 'edit', basedOnVersion: 1, removeSources: [4] })).rejects.toThrow(
      /当前已是第 2 版/,
    );
    const story = await readAuditLog(sample.database, { caseId });
    expect(story.filter((entry) => entry.event === 'decision-refused')).toHaveLength(7);
    expect(story.filter((entry) => entry.event === 'evidence-changed')).toHaveLength(1);
    expect((await current(caseId)).version.sources.map((source) => source.number)).toEqual([1, 2, 3, 4]);
  });
});

describe('按所选依据重新起草', () => {
  it('writes a new version from the chosen sources alone, citing them by their numbers, and its requester may not approve it', async () => {
    const { caseId, version } = await draftedCase('对政府信息公开答复不满意，可以申请行政复议吗？');
    // The reviewer keeps only the passage on complaints (adding it when retrieval did not offer it) and redrafts.
    const others = version.sources.filter((source) => source.chunkId !== complaints).map((source) => source.number);
    const missing = version.sources.some((source) => source.chunkId === complaints) ? [] : [complaints];
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, text: '您好！', removeSources: others, addSources: missing },
    });
    const before = (await current(caseId)).version;
    expect(before.sources.map((source) => source.chunkId)).toEqual([complaints]);
    const outcome = await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'redraft', basedOnVersion: before.version },
    });
    expect(outcome.action).toBe('redraft');
    const redrafted = (await current(caseId)).version;
    expect(redrafted.drafter).toBe('extractive-v1 for drafter-wang from the chosen sources');
    expect(redrafted.authorAccountId).toBe(desk.accounts.drafter.id);
    expect(redrafted.sources).toEqual(before.sources);
    expect(redrafted.verification.removed).toEqual([]);
    const number = before.sources[0]!.number;
    expect(redrafted.text).toContain(`行政复议或者提起行政诉讼。”[${number}]`);
    // In the reply's frame, as a first draft: the opening, the 办理指引 and the 落款 are there and not checked.
    expect(redrafted.text).toMatch(/^您好！[\s\S]+市人民政府办公室\n2026年11月23日$/);
    expect(redrafted.sentences.filter((sentence) => sentence.role === 'signature')).toHaveLength(2);
    expect([...redrafted.text.matchAll(/\[(\d+)\]/g)].every((match) => Number(match[1]) === number)).toBe(true);
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'approve', version: redrafted.version, textHash: redrafted.textHash },
      }),
    ).rejects.toThrow(/无权批准草稿/);
  });

  it('refuses to redraft a version with no sources, or one that is no longer current', async () => {
    const { caseId, version } = await draftedCase();
    const withoutSources = version.text.replace(/\[\d+\]/g, '');
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: {
        action: 'edit',
        basedOnVersion: 1,
        text: withoutSources,
        removeSources: version.sources.map((source) => source.number),
      },
    });
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'redraft', basedOnVersion: 2 },
      }),
    ).rejects.toThrow(/当前版本没有依据/);
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'redraft', basedOnVersion: 1 },
      }),
    ).rejects.toThrow(/当前已是第 2 版/);
  });
});

describe('以此为基础修改: starting from a similar approved answer', () => {
  it('lists posted answers to similar questions, and copies one in with its sources mapped to the current passages', async () => {
    // A first case is answered with a passage its reviewer added, and posted: it enters the question bank.
    const question = '申请公开政府信息，多长时间能得到答复？';
    const first = await draftedCase(question);
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
    });
    const withSource = (await current(first.caseId)).version;
    const number = withSource.sources.at(-1)!.number;
    const text = withSource.text.replace(/(如需进一步了解)/, `${COMPLAINT_SENTENCE}[${number}]\n$1`);
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 2, text },
    });
    const answered = (await current(first.caseId)).version;
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 3, textHash: answered.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });

    // The second question comes two days later: its reply is dated then, and so is the adopted text.
    const postedOn = desk.clock.now();
    desk.clock.advance({ hours: 48 });
    const second = await draftedCase(question).finally(() => desk.clock.set(postedOn));
    expect(second.version.text).toMatch(/2026年11月25日$/);
    expect(second.version.sources.some((source) => source.chunkId === complaints)).toBe(false);
    // Earlier tests posted answers to this question too: every one of them is listed, this case's own never.
    const similar = await closestApprovedAnswers(sample.database, { question, limit: 5, excludeCaseId: second.caseId });
    expect(similar.every((answer) => answer.caseId !== second.caseId)).toBe(true);
    const chosen = similar.find((answer) => answer.caseId === first.caseId)!;
    expect(chosen).toMatchObject({ caseId: first.caseId, origin: 'case', question });
    const outcome = await decideCase(desk.context, {
      caseId: second.caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'adopt-answer', basedOnVersion: 1, entryId: chosen.entryId },
    });
    expect(outcome.action).toBe('adopt-answer');
    const adopted = (await current(second.caseId)).version;
    const mapped = adopted.sources.find((source) => source.chunkId === complaints)!;
    expect(adopted.text).toContain(`${COMPLAINT_SENTENCE}[${mapped.number}]`);
    expect(adopted.text).not.toContain('依据：');
    expect(answered.text).toMatch(/2026年11月23日$/);
    expect(adopted.text).toMatch(/\n\n市人民政府办公室\n2026年11月25日$/);
    expect(adopted.verification.removed).toEqual([]);
    expect(adopted.evidenceChanges).toMatchObject({
      added: expect.arrayContaining([expect.objectContaining({ chunkId: complaints, number: mapped.number })]),
      basedOnAnswer: { entryId: chosen.entryId, caseId: first.caseId },
    });
    expect(adopted.drafter).toBe(`drafter-wang based on case #${first.caseId}`);
    // The same passages cited there are cited here, each by this case's number for it.
    const citedThere = answered.sources.filter((source) => answered.text.includes(`[${source.number}]`));
    const citedHere = adopted.sources.filter((source) => adopted.text.includes(`[${source.number}]`));
    expect(citedHere.map((source) => source.chunkId).sort()).toEqual(citedThere.map((source) => source.chunkId).sort());
    // Like any text, it needs another person's approval before it reaches the public.
    expect((await current(second.caseId)).found.status).toBe('awaiting-review');
    expect(await findPublicAnswer(sample.database, second.caseId)).toBeUndefined();
  });

  it('refuses a past answer whose source no longer stands, and one that left the bank', async () => {
    const first = await draftedCase('停车场怎么收费？');
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 1, textHash: first.version.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    const [entry] = await sample.database.query<{ id: string }>(
      `SELECT id FROM question_bank WHERE case_id = $1 AND status = 'active'`,
      [first.caseId],
    );
    const second = await draftedCase('公共停车场如何收费？');
    const cited = first.version.sources[0]!;
    const [document] = await sample.database.query<{ id: string }>(
      'SELECT document_id AS id FROM chunks WHERE id = $1',
      [cited.chunkId],
    );
    await sample.database.query(`UPDATE documents SET status = 'withdrawn' WHERE id = $1`, [document!.id]);
    try {
      await expect(
        decideCase(desk.context, {
          caseId: second.caseId,
          actor: desk.accounts.drafter,
          decision: { action: 'adopt-answer', basedOnVersion: 1, entryId: Number(entry!.id) },
        }),
      ).rejects.toThrow(/不能直接采用/);
    } finally {
      await sample.database.query(`UPDATE documents SET status = 'current' WHERE id = $1`, [document!.id]);
    }
    await expect(
      decideCase(desk.context, {
        caseId: second.caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'adopt-answer', basedOnVersion: 1, entryId: 999_999 },
      }),
    ).rejects.toThrow(/已不在问答库中/);
  });
});

describe('evidence changes cannot get around the approval of the exact text', () => {
  // A posted answer in the question bank, citing the passage on complaints the second case's draft lacks.
  async function postedAnswer(question: string): Promise<number> {
    const first = await draftedCase(question);
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
    });
    const withSource = (await current(first.caseId)).version;
    const text = withSource.text.replace(
      /(如需进一步了解)/,
      `${COMPLAINT_SENTENCE}[${withSource.sources.at(-1)!.number}]\n$1`,
    );
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 2, text },
    });
    const answered = (await current(first.caseId)).version;
    await decideCase(desk.context, {
      caseId: first.caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 3, textHash: answered.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    const [entry] = await sample.database.query<{ id: string }>(
      `SELECT id FROM question_bank WHERE case_id = $1 AND status = 'active'`,
      [first.caseId],
    );
    return Number(entry!.id);
  }

  it('adopting a past answer after approval voids the approval: nothing is posted until another approver approves the new text', async () => {
    const question = '申请公开政府信息，多长时间能得到答复？';
    const entryId = await postedAnswer(question);
    const { caseId, version } = await draftedCase(question);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'adopt-answer', basedOnVersion: 1, entryId },
    });
    const { found, version: adopted } = await current(caseId);
    expect(found.status).toBe('awaiting-review');
    expect(adopted.textHash).not.toBe(version.textHash);
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
    // The first approval cannot be replayed onto the adopted text, nor under its own version.
    for (const replay of [
      { version: 1, textHash: version.textHash },
      { version: 2, textHash: version.textHash },
    ])
      await expect(
        decideCase(desk.context, {
          caseId,
          actor: desk.accounts.secondApprover,
          decision: { action: 'approve', ...replay },
        }),
      ).rejects.toThrow(/已不是当前版本|与记录中的文本不一致/);
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: adopted.textHash },
    });
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    const published = (await findPublicAnswer(sample.database, caseId))!.text;
    expect(published).toContain(COMPLAINT_SENTENCE);
    expect(published).toContain('第十二条');
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events).toContain('approval-voided');
    expect(events.filter((event) => event === 'answer-posted')).toHaveLength(1);
  });

  it('redrafting after approval voids the approval, and its requester may not approve the redraft', async () => {
    const { caseId, version } = await draftedCase('对政府信息公开答复不满意，可以申请行政复议吗？');
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.drafter,
        decision: { action: 'redraft', basedOnVersion: 1 },
      }),
    ).rejects.toThrow(/与当前版本相同/);
    // Only the passage on complaints is kept, and a short text is approved; the redraft then writes from the passage.
    const others = version.sources.filter((source) => source.chunkId !== complaints).map((source) => source.number);
    const missing = version.sources.some((source) => source.chunkId === complaints) ? [] : [complaints];
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.drafter,
      decision: { action: 'edit', basedOnVersion: 1, text: '您好！', removeSources: others, addSources: missing },
    });
    const withComplaints = (await current(caseId)).version;
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.secondApprover,
      decision: { action: 'approve', version: 2, textHash: withComplaints.textHash },
    });
    await decideCase(desk.context, {
      caseId,
      actor: desk.accounts.approver,
      decision: { action: 'redraft', basedOnVersion: 2 },
    });
    const { found, version: redrafted } = await current(caseId);
    expect(found.status).toBe('awaiting-review');
    expect(redrafted.version).toBe(3);
    expect(redrafted.text).not.toBe(withComplaints.text);
    await expect(
      decideCase(desk.context, {
        caseId,
        actor: desk.accounts.approver,
        decision: { action: 'approve', version: 3, textHash: redrafted.textHash },
      }),
    ).rejects.toThrow(/撰写或修改了第 3 版，不能由本人批准/);
    await deliverDueAnswers({ database: sample.database, surfaces: surfaces(), clock: desk.clock });
    expect(await findPublicAnswer(sample.database, caseId)).toBeUndefined();
  });

  it("refuses a reviewer of another unit every change to a case's evidence or text, and records each attempt", async () => {
    const entryId = await postedAnswer('申请公开政府信息，多长时间能得到答复？');
    const { caseId, version } = await draftedCase();
    const attacker = desk.accounts.otherUnitApprover; // 市交通运输局; the case belongs to the office's own unit
    const decisions: Array<Parameters<typeof decideCase>[1]['decision']> = [
      { action: 'edit', basedOnVersion: 1, addSources: [complaints] },
      { action: 'edit', basedOnVersion: 1, removeSources: [2] },
      { action: 'edit', basedOnVersion: 1, text: `${version.text}${COMPLAINT_SENTENCE}[1]` },
      { action: 'redraft', basedOnVersion: 1 },
      { action: 'adopt-answer', basedOnVersion: 1, entryId },
    ];
    for (const decision of decisions)
      await expect(decideCase(desk.context, { caseId, actor: attacker, decision })).rejects.toThrow(
        /属于市交通运输局.*只有.*的人员可以修改草稿或其依据/,
      );
    const { found, version: unchanged } = await current(caseId);
    expect(found.currentVersion).toBe(1);
    expect(unchanged.sources).toEqual(version.sources);
    const story = await readAuditLog(sample.database, { caseId });
    expect(story.filter((entry) => entry.event === 'decision-refused')).toHaveLength(decisions.length);
    expect(story.some((entry) => entry.event === 'evidence-changed')).toBe(false);
  });
});
