import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { findCase } from '../../review/read-cases.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { draftACase } from '../support/draft-a-case.ts';
import { useRunningConsole } from '../support/running-console.ts';

const consoleUnderTest = useRunningConsole();

const events = async (caseId: number) =>
  (await readAuditLog(consoleUnderTest.sample.database, { caseId })).map((entry) => entry.event);

const errorLine = (body: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(body)?.[1];
const noticeLine = (body: string) => /<p class="notice" role="status">([^<]*)<\/p>/.exec(body)?.[1];

async function signedIn(username: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(consoleUnderTest.url);
  await client.signIn(username);
  return client;
}

describe('decisions on a case', () => {
  it('answer with 303 to the case page, where reloading shows the page and sends nothing again', async () => {
    const caseId = await draftACase(consoleUnderTest.running);
    const approver = await signedIn('approver-zhao');
    const page = await approver.get(`/cases/${caseId}`);
    const approval = await approver.post(`/cases/${caseId}/decisions`, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      action: 'approve',
      version: ConsoleClient.field(page.body, 'version'),
      text_hash: ConsoleClient.field(page.body, 'text_hash'),
    });
    expect([approval.status, approval.location]).toEqual([303, `/cases/${caseId}`]);
    const shown = await approver.get(approval.location!);
    expect(noticeLine(shown.body)).toContain('已批准');
    // A reload is a GET of the case page: the notice is gone, and the record holds one approval and no refusal.
    const reloaded = await approver.get(approval.location!);
    expect(reloaded.status).toBe(200);
    expect(noticeLine(reloaded.body)).toBeUndefined();
    // (The worker may have posted the answer meanwhile.)
    expect((await events(caseId)).filter((event) => event !== 'answer-posted')).toEqual([
      'inquiry-received',
      'draft-created',
      'draft-approved',
    ]);
  });

  it('shows a refusal once after the redirect, and keeps a refused edit in the edit box', async () => {
    const caseId = await draftACase(consoleUnderTest.running);
    const approver = await signedIn('approver-zhao');
    const page = await approver.get(`/cases/${caseId}`);
    const csrf = ConsoleClient.field(page.body, 'csrf');
    const version = ConsoleClient.field(page.body, 'version');
    const edited = await approver.post(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'edit',
      version,
      text: '您好！根据规定，行政机关收到政府信息公开申请后依法答复[1]。',
    });
    expect(edited.status).toBe(303);
    await approver.get(edited.location!);
    const current = await approver.get(`/cases/${caseId}`);
    // Approving one's own edit is refused: back on the case page with the reason, once.
    const ownApproval = await approver.post(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'approve',
      version: ConsoleClient.field(current.body, 'version'),
      text_hash: ConsoleClient.field(current.body, 'text_hash'),
    });
    expect([ownApproval.status, ownApproval.location]).toEqual([303, `/cases/${caseId}`]);
    expect(errorLine((await approver.get(`/cases/${caseId}`)).body)).toBeTruthy();
    expect(errorLine((await approver.get(`/cases/${caseId}`)).body)).toBeUndefined();
    // An edit of a version that is no longer current is refused, and the text typed comes back to be corrected.
    const stale = await approver.post(`/cases/${caseId}/decisions`, {
      csrf,
      action: 'edit',
      version,
      text: '这段修改基于旧版本，不应丢失[1]。',
    });
    expect(stale.status).toBe(303);
    const back = await approver.get(stale.location!);
    expect(errorLine(back.body)).toBeTruthy();
    expect(back.body).toContain('>这段修改基于旧版本，不应丢失[1]。</textarea>');
    expect(back.body).toContain('您提交的修改未保存');
    const story = await events(caseId);
    expect(story.filter((event) => event === 'decision-refused')).toHaveLength(2);
    expect((await findCase(consoleUnderTest.sample.database, caseId))!.currentVersion).toBe(2);
  });

  it("keeps one session's outcome from showing in another session", async () => {
    const caseId = await draftACase(consoleUnderTest.running);
    const first = await signedIn('approver-zhao');
    const second = await signedIn('approver-chen');
    const page = await first.get(`/cases/${caseId}`);
    await first.post(`/cases/${caseId}/decisions`, {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      action: 'reject',
      reason: '请补充依据',
    });
    expect(noticeLine((await second.get(`/cases/${caseId}`)).body)).toBeUndefined();
    expect(noticeLine((await first.get(`/cases/${caseId}`)).body)).toContain('已退回');
  });
});

describe('other forms', () => {
  it('answers a staff question on the page the redirect opens, recorded once however often it is reloaded', async () => {
    const staff = await signedIn('staff-li');
    const page = await staff.get('/staff');
    const count = async () =>
      (
        await consoleUnderTest.sample.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM cases WHERE kind = 'staff-question'`,
        )
      )[0]!.n;
    const before = await count();
    const asked = await staff.post('/staff', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      question: '申请公开政府信息，多长时间能得到答复？',
    });
    expect([asked.status, asked.location]).toEqual([303, '/staff']);
    const answered = await staff.get('/staff');
    expect(answered.body).toContain('id="staff-answer"');
    expect(answered.body).toContain('>申请公开政府信息，多长时间能得到答复？</textarea>');
    await staff.get('/staff');
    expect(await count()).toBe(before + 1);
  });

  it('brings a refused talking point and a refused account back filled in, without the password', async () => {
    const drafter = await signedIn('drafter-wang');
    const page = await drafter.get('/talking-points');
    const proposed = await drafter.post('/talking-points', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      title: '关于青禾大桥封闭检测的回应口径',
      text: '青禾大桥自11月23日起封闭检测。',
      expires_on: '2099-12-31',
    });
    expect([proposed.status, proposed.location]).toEqual([303, '/talking-points']);
    const back = await drafter.get('/talking-points');
    expect(errorLine(back.body)).toBeTruthy();
    expect(back.body).toContain('value="关于青禾大桥封闭检测的回应口径"');
    expect(back.body).toContain('>青禾大桥自11月23日起封闭检测。</textarea>');

    const admin = await signedIn('admin-he');
    const accounts = await admin.get('/accounts');
    const refused = await admin.post('/accounts', {
      csrf: ConsoleClient.field(accounts.body, 'csrf'),
      username: 'wang-shen',
      display_name: '王审核',
      password: 'short',
      role: 'approver',
      unit: '市交通运输局',
    });
    expect([refused.status, refused.location]).toEqual([303, '/accounts']);
    const again = await admin.get('/accounts');
    expect(errorLine(again.body)).toBeTruthy();
    expect(again.body).toContain('value="wang-shen"');
    expect(again.body).toContain('value="市交通运输局"');
    expect(again.body).not.toContain('value="short"');
  });
});
