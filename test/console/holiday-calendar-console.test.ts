import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { actorName, createAccount, type Account } from '../../review/accounts/accounts.ts';
import { findCase } from '../../review/read-cases.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const sample = useSampleOfficeDatabase();
// Today, as the issue has it: the bundled calendar holds 2026 only.
const clock = new ManualClock('2026-12-01T09:00:00+08:00');
const logged: string[] = [];
let running: RunningConsole;
let admin: Account;

// A schedule typed for this test, not the State Council's (which is not bundled and is not invented here).
const TEST_SCHEDULE = {
  year: '2027',
  holidays: '2027-01-01 2027-01-04~2027-01-05',
  workdays: '2027-01-09',
  source: '测试用安排（非国务院办公厅通知）',
};

beforeAll(async () => {
  running = await runConsole({
    config: loadConfig({ environment: {} }),
    database: sample.database,
    embedder: sample.embedder,
    clock,
    port: 0,
    log: (line) => logged.push(line),
  });
  admin = await createAccount(sample.database, {
    username: 'admin-cal',
    password: 'correct horse battery',
    role: 'admin',
  });
  await createAccount(sample.database, {
    username: 'approver-cal',
    password: 'correct horse battery',
    role: 'approver',
  });
});
afterAll(async () => {
  await running?.stop();
});

async function signedIn(username: string) {
  const client = new ConsoleClient(running.url);
  await client.signIn(username);
  return client;
}

describe('a holiday calendar that runs out', () => {
  it('warns at start and in the queue, marks a deadline that runs into 2027, and lets an admin enter the year on record', async () => {
    expect(logged.join('\n')).toContain('[calendar] No holiday schedule for 2027');
    clock.set('2026-12-14T10:00:00+08:00');
    const received = await submitInquiry(running.context, {
      kind: 'information-request',
      text: '申请公开本市2026年老旧小区改造项目清单',
      surface: 'web',
      authorId: 'browser-cal',
      receivedBy: 'surface:web',
    });
    const before = (await findCase(sample.database, received.caseId))!;
    expect(String(before.triage.deadlineBasis)).toContain('2027年的节假日安排尚未录入');

    const client = await signedIn('admin-cal');
    const queue = (await client.get('/queue')).body;
    expect(queue).toContain('2027年的节假日安排尚未录入');
    expect(queue).toContain('href="/holidays"');
    expect((await client.get(`/cases/${received.caseId}`)).body).toContain('2027年的节假日安排尚未录入');
    const page = (await client.get('/holidays')).body;
    expect(page).toContain('id="calendar-missing"');
    const csrf = ConsoleClient.field(page, 'csrf');

    const saved = await client.post('/holidays', { csrf, ...TEST_SCHEDULE });
    expect(saved).toMatchObject({ status: 303, location: '/holidays?saved=2027&recomputed=1' });
    const after = (await findCase(sample.database, received.caseId))!;
    expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(2 * 24 * 3600 * 1000);
    expect(String(after.triage.deadlineBasis)).not.toContain('尚未录入');
    expect((await client.get('/queue')).body).not.toContain('节假日安排尚未录入');
    expect((await client.get('/holidays')).body).toContain('测试用安排（非国务院办公厅通知）');

    const entered = (await readAuditLog(sample.database)).filter((entry) => entry.event === 'holiday-schedule-entered');
    expect(entered.map((entry) => [entry.actor, entry.details.year, entry.details.workdays])).toEqual([
      [actorName(admin), 2027, ['2027-01-09']],
    ]);
    const moved = (await readAuditLog(sample.database, { caseId: received.caseId })).filter(
      (entry) => entry.event === 'case-deadline-recomputed',
    );
    expect(moved.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ from: before.dueAt.toISOString(), dueAt: after.dueAt.toISOString() }),
    ]);
  });

  it('keeps the calendar to admins and a malformed year out, saving and recording nothing', async () => {
    const approver = await signedIn('approver-cal');
    expect((await approver.get('/holidays')).status).toBe(403);
    const approverCsrf = ConsoleClient.field((await approver.get('/queue')).body, 'csrf');
    expect((await approver.post('/holidays', { csrf: approverCsrf, ...TEST_SCHEDULE, year: '2028' })).status).toBe(403);

    const client = await signedIn('admin-cal');
    const csrf = ConsoleClient.field((await client.get('/holidays')).body, 'csrf');
    const entries = (await readAuditLog(sample.database)).length;
    const bad = await client.post('/holidays', {
      csrf,
      ...TEST_SCHEDULE,
      year: '2028',
      holidays: '2028-01-01',
      workdays: '2028-01-05',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('应为周六或周日');
    expect(bad.body).toContain('2028-01-05'); // the typing is kept in the form
    const unsourced = await client.post('/holidays', {
      csrf,
      ...TEST_SCHEDULE,
      year: '2028',
      holidays: '2028-01-01',
      workdays: '',
      source: ' ',
    });
    expect(unsourced.status).toBe(400);
    expect(await readAuditLog(sample.database)).toHaveLength(entries);
    expect(running.context.calendar.coveredYears()).toEqual([2026, 2027]);
  });
});
