import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { decideCase } from '../../review/decide-case.ts';
import { deliverDueAnswers } from '../../review/deliver-outbox.ts';
import { draftCase } from '../../review/draft-case.ts';
import { findCase, findVersion, listOpenCases } from '../../review/read-cases.ts';
import { findDeliveryState, retryDelivery } from '../../review/retry-delivery.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { sweepDeadlines } from '../../review/sweep-deadlines.ts';
import { RecordingSurface } from '../fakes/recording-surface.ts';
import { openReviewDesk, type ReviewDesk } from '../support/review-desk.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
let desk: ReviewDesk;

beforeAll(async () => {
  desk = await openReviewDesk({
    database: sample.database,
    embedder: sample.embedder,
    environment: { HUIYING_ESCALATION_CONTACT: '办公室主任' },
  });
});

async function approvedCase(surface: string) {
  const { caseId } = await submitInquiry(desk.context, {
    kind: 'citizen-question',
    text: '公共停车场收费标准由谁制定？',
    surface,
    replyTarget: { channel: 'C1', thread: '1.2' },
    authorId: 'U1',
    receivedBy: `surface:${surface}`,
  });
  await draftCase(desk.context, caseId);
  const version = (await findVersion(sample.database, caseId, 1))!;
  await decideCase(desk.context, {
    caseId,
    actor: desk.accounts.approver,
    decision: { action: 'approve', version: 1, textHash: version.textHash },
  });
  return caseId;
}

describe('outbox', () => {
  it('retries a failed post with growing backoff and posts once when the platform is back', async () => {
    const chat = new RecordingSurface('chat');
    const surfaces = new Map([['chat', chat]]);
    const caseId = await approvedCase('chat');
    chat.failuresLeft = 2;
    expect((await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock })).retrying).toEqual([
      caseId,
    ]);
    // Not due again yet: the next attempt waits 2 s.
    expect((await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock })).retrying).toEqual([]);
    desk.clock.advance({ seconds: 2 });
    expect((await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock })).retrying).toEqual([
      caseId,
    ]);
    desk.clock.advance({ seconds: 3 });
    expect((await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock })).retrying).toEqual([]);
    desk.clock.advance({ seconds: 1 });
    expect((await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock })).delivered).toEqual([
      caseId,
    ]);
    expect(chat.attempts).toHaveLength(3);
    expect(chat.posted).toHaveLength(1);
    expect(chat.posted[0]!.target).toMatchObject({ surface: 'chat', channel: 'C1', thread: '1.2' });
    const failures = (await readAuditLog(sample.database, { caseId })).filter(
      (entry) => entry.event === 'delivery-failed',
    );
    expect(failures.map((entry) => entry.details.error)).toEqual([
      'chat answered 503 Service Unavailable',
      'chat answered 503 Service Unavailable',
    ]);
  });

  it('gives up after the last attempt, shows why, and posts once an approver retries', async () => {
    const chat = new RecordingSurface('chat');
    const surfaces = new Map([['chat', chat]]);
    const caseId = await approvedCase('chat');
    chat.failuresLeft = 2;
    expect(
      (await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock, maxAttempts: 2 })).retrying,
    ).toEqual([caseId]);
    desk.clock.advance({ seconds: 2 });
    expect(
      (await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock, maxAttempts: 2 })).failed,
    ).toEqual([caseId]);
    expect(await findDeliveryState(sample.database, caseId)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'chat answered 503 Service Unavailable',
    });
    await expect(retryDelivery(desk.context, { caseId, actor: desk.accounts.drafter })).rejects.toThrow(/无权重新发布/);
    await retryDelivery(desk.context, { caseId, actor: desk.accounts.approver });
    await expect(retryDelivery(desk.context, { caseId, actor: desk.accounts.approver })).rejects.toThrow(
      /没有发布失败/,
    );
    expect(
      (await deliverDueAnswers({ database: sample.database, surfaces, clock: desk.clock, maxAttempts: 2 })).delivered,
    ).toEqual([caseId]);
    expect(chat.posted).toHaveLength(1);
    expect((await readAuditLog(sample.database, { caseId })).map((entry) => entry.event).slice(-4)).toEqual([
      'delivery-failed',
      'delivery-failed',
      'delivery-retried',
      'answer-posted',
    ]);
  });

  it('refuses to post when the outbox text no longer matches the approved text', async () => {
    const chat = new RecordingSurface('chat');
    const caseId = await approvedCase('chat');
    await sample.database.query(
      `UPDATE outbox SET text = text || '另：详见 http://example.invalid' WHERE case_id = $1`,
      [caseId],
    );
    const report = await deliverDueAnswers({
      database: sample.database,
      surfaces: new Map([['chat', chat]]),
      clock: desk.clock,
    });
    expect(report.refused).toEqual([caseId]);
    expect(chat.attempts).toHaveLength(0);
    expect((await readAuditLog(sample.database, { caseId })).at(-1)).toMatchObject({
      event: 'delivery-refused',
      details: { reason: 'the text to post does not match the approved text' },
    });
  });
});

describe('deadlines', () => {
  it('reminds once when 80% of the time has passed and escalates once after the deadline, with an overdue list', async () => {
    const chat = new RecordingSurface('chat');
    desk.clock.set('2026-11-23T09:00:00+08:00');
    const { caseId } = await submitInquiry(desk.context, {
      kind: 'opinion-item',
      text: '网传某化工厂爆炸，造成12人死亡',
      surface: 'api',
      authorId: 'monitor',
      receivedBy: 'api:monitor',
    });
    const found = (await findCase(sample.database, caseId))!;
    expect(found.severity).toBe('重大');
    expect(found.dueAt.toISOString()).toBe('2026-11-23T06:00:00.000Z');

    desk.clock.advance({ hours: 3, minutes: 59 });
    expect(await sweepDeadlines(desk.context, { surfaces: [chat] })).toEqual({
      reminded: [],
      escalated: [],
      followUpReminded: [],
    });
    desk.clock.advance({ minutes: 1 });
    const swept = await sweepDeadlines(desk.context, { surfaces: [chat] });
    expect(swept.reminded).toContain(caseId);
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).reminded).not.toContain(caseId);
    expect(
      (await listOpenCases(sample.database, { overdueAt: desk.clock.now() })).map((overdue) => overdue.id),
    ).not.toContain(caseId);

    desk.clock.advance({ hours: 1 });
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).escalated).toContain(caseId);
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).escalated).not.toContain(caseId);
    expect(
      (await listOpenCases(sample.database, { overdueAt: desk.clock.now() })).map((overdue) => overdue.id),
    ).toContain(caseId);
    expect(
      chat.notices
        .filter((notice) => notice.caseId === caseId)
        .map((notice) => [notice.kind, notice.escalateTo ?? null]),
    ).toEqual([
      ['deadline-near', null],
      ['deadline-passed', '办公室主任'],
    ]);
    // The press conference is due 24 hours after receipt: reminded at 80% (19 h 12 min), once.
    desk.clock.set('2026-11-23T20:11:00Z');
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).followUpReminded).not.toContain(caseId);
    desk.clock.set('2026-11-23T20:12:00Z');
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).followUpReminded).toEqual([caseId]);
    expect((await sweepDeadlines(desk.context, { surfaces: [chat] })).followUpReminded).toEqual([]);
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => entry.event);
    expect(events).toEqual(['inquiry-received', 'case-reminded', 'deadline-escalated', 'follow-up-reminded']);
    expect((await readAuditLog(sample.database, { caseId })).at(-1)!.details.dueAt).toBe('2026-11-24T01:00:00.000Z');
  });
});
