import { describe, expect, it } from 'vitest';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { decideCase } from '../../review/decide-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { draftACase } from '../support/draft-a-case.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { useRunningConsole } from '../support/running-console.ts';

const clock = new ManualClock('2026-11-23T09:00:00+08:00');
const consoleUnderTest = useRunningConsole({ clock });

async function reviewer(): Promise<ConsoleClient> {
  const client = new ConsoleClient(consoleUnderTest.url);
  await client.signIn('approver-zhao');
  return client;
}

describe('what the queue and the case page say about time', () => {
  it('stops counting down once the answer is posted, and says when it was posted', async () => {
    const { running, accounts } = consoleUnderTest;
    const caseId = await draftACase(running);
    const client = await reviewer();
    expect((await client.get(`/cases/${caseId}`)).body).toMatch(/<span data-due="[^"]+">剩余 /);
    const version = (await findVersion(running.context.database, caseId, 1))!;
    clock.advance({ hours: 2 });
    await decideCase(running.context, {
      caseId,
      actor: accounts.approver,
      decision: { action: 'approve', version: 1, textHash: version.textHash },
    });
    await running.worker.kick('deliver');
    expect((await findCase(running.context.database, caseId))!.status).toBe('posted');
    const page = (await client.get(`/cases/${caseId}`)).body;
    expect(page).not.toContain('data-due');
    expect(page).toContain('<span id="answered-at">已于 2026/11/23 11:00 发布，按期</span>');
  });

  it('lists as recently posted only answers that were published, not staff questions answered internally', async () => {
    const { running, accounts } = consoleUnderTest;
    const { caseId: internal } = await answerStaffQuestion(running.context, {
      question: '公共停车场收费标准由谁制定？',
      asker: accounts.staff,
      surface: 'web',
    });
    const queue = (await (await reviewer()).get('/queue')).body;
    const posted = /<ul id="recently-posted">([\s\S]*?)<\/ul>/.exec(queue)![1]!;
    expect(posted).toMatch(/#\d+<\/a> 申请公开政府信息/);
    expect(posted).toContain('2026/11/23 11:00 发布');
    expect(posted).not.toContain(`/cases/${internal}"`);
  });

  it('says what each reminder was: a new draft, a deadline coming, a deadline passed', async () => {
    const { running } = consoleUnderTest;
    const caseId = await draftACase(running, '停车场收费标准是多少？');
    clock.advance({ hours: 14 * 24 });
    await running.worker.kick('sweep');
    const queue = (await (await reviewer()).get('/queue')).body;
    const notices = /<div class="card" id="notices">([\s\S]*?)<\/div>/.exec(queue)![1]!;
    expect(notices).toMatch(
      new RegExp(
        `<strong>已超期</strong> <a href="/cases/${caseId}">案件 #${caseId}</a> 答复期限 [\\d/ :]+，已上报市政府值班室`,
      ),
    );
    expect(notices).toMatch(
      new RegExp(`<strong>即将到期</strong> <a href="/cases/${caseId}">案件 #${caseId}</a> 答复期限 `),
    );
    expect(notices).toMatch(
      new RegExp(
        `<strong>新草稿待审核</strong> <a href="/cases/${caseId}">案件 #${caseId}</a> 第 1 版：停车场收费标准是多少？`,
      ),
    );
  });
});
