import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import type { ChatModel, DraftRequest } from '../../drafting/chat-model.ts';
import { ExtractiveDrafter } from '../../drafting/extractive-drafter.ts';
import { claimCaseToDraft, draftReceivedCases } from '../../review/draft-case.ts';
import { findCase } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

/** The offline drafter, counting the drafts asked of it (each a model call when CHAT_MODEL is set). */
class CountingDrafter implements ChatModel {
  readonly id = 'extractive-v1';
  readonly questions: string[] = [];
  private readonly inner = new ExtractiveDrafter();

  async draft(request: DraftRequest) {
    this.questions.push(request.question);
    return this.inner.draft(request);
  }
}

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({ database: sample.database, embedder: sample.embedder });
});

async function receive(count: number, topic: string): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'citizen-question',
      text: `${topic}（第${index + 1}位市民）`,
      surface: 'web',
      authorId: `browser-${index}`,
      receivedBy: 'surface:web',
    });
    ids.push(caseId);
  }
  return ids;
}

describe('several drafting workers', () => {
  it('draft each case of a burst once, with one set of model calls, when they run at the same time', async () => {
    const ids = await receive(12, '申请公开政府信息，多长时间能得到答复？');
    const drafters = [new CountingDrafter(), new CountingDrafter()];
    const runs = await Promise.all(drafters.map((model) => draftReceivedCases({ ...desk.context, model })));
    const drafted = runs.flatMap((run) => run.drafted);
    expect(drafted.sort((left, right) => left - right)).toEqual(ids);
    expect(drafters[0]!.questions.length + drafters[1]!.questions.length).toBe(12);
    for (const caseId of ids) {
      const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
      expect(events.filter((event) => event === 'draft-created')).toHaveLength(1);
      expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
    }
  });

  it('take over a case whose worker died mid-draft once its claim lapses, and not before', async () => {
    const [caseId] = await receive(1, '公共停车场收费标准由谁制定？');
    // A worker claims it and dies before drafting.
    expect(await claimCaseToDraft(desk.context)).toBe(caseId);
    const survivor = new CountingDrafter();
    expect((await draftReceivedCases({ ...desk.context, model: survivor })).drafted).toEqual([]);
    desk.clock.advance({ seconds: 299 });
    expect((await draftReceivedCases({ ...desk.context, model: survivor })).drafted).toEqual([]);
    desk.clock.advance({ seconds: 1 });
    expect((await draftReceivedCases({ ...desk.context, model: survivor })).drafted).toEqual([caseId]);
    expect(survivor.questions).toHaveLength(1);
  });
});
