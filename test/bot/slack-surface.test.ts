import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, linkIdentity } from '../../review/accounts/accounts.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { decideAsIdentity } from '../../review/decide-as-identity.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { SlackSurface } from '../../bot/slack/slack-surface.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { ConsoleClient } from '../support/console-client.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const SECRET = 'test-signing-secret';
const sample = useSampleOfficeDatabase();
const slack = new FakeSlack(SECRET);
let running: RunningConsole;
let environment: Record<string, string>;
// Where the running console receives Slack's requests (a free port, as the surface reports it at start).
let slackUrl: string;
// The outbox's backoff runs on this clock, so a test moves time instead of waiting for it.
const clock = new ManualClock(new Date());
// The body of every Slack request whose listeners have finished (recorded by a Bolt middleware around them).
const handled: Array<{ event?: { ts?: string } }> = [];

beforeAll(async () => {
  await slack.start();
  environment = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_REVIEW_CHANNEL: 'C-review',
    SLACK_API_URL: slack.apiUrl,
    HUIYING_SLACK_PORT: '0',
  };
  running = await runConsole({
    config: loadConfig({ environment }),
    database: sample.database,
    embedder: sample.embedder,
    clock,
    port: 0,
    // The tests run the worker's jobs themselves: no timer runs one behind their back.
    workerIntervals: { draftMs: 3_600_000, deliverMs: 3_600_000, sweepMs: 3_600_000 },
    log: () => {},
  });
  (running.surfaces.byName.get('slack') as SlackSurface).app.use(async ({ body, next }) => {
    try {
      await next();
    } finally {
      handled.push(body as (typeof handled)[number]);
    }
  });
  slackUrl = running.endpoints.find((endpoint) => endpoint.surface === 'slack')!.url;
  await createAccount(sample.database, { username: 'zhao', password: 'correct horse battery', role: 'approver' });
  await createAccount(sample.database, { username: 'li-staff', password: 'correct horse battery', role: 'staff' });
  await linkIdentity(sample.database, { username: 'zhao', surface: 'slack', externalId: 'U-approver' });
  await linkIdentity(sample.database, { username: 'li-staff', surface: 'slack', externalId: 'U-staff' });
});
afterAll(async () => {
  await running?.stop();
  await slack.stop();
});

async function citizenAsks(text: string, ts: string) {
  expect(
    await slack.sendEvent(slackUrl, {
      type: 'app_mention',
      user: 'U-citizen',
      text: `<@UBOT> ${text}`,
      ts,
      channel: 'C-public',
      event_ts: ts,
    }),
  ).toBe(200);
  const receipt = await slack.until(() =>
    slack.messages.find((message) => message.thread_ts === ts && message.text.includes('查询码')),
  );
  const caseId = Number(
    (
      await sample.database.query<{ id: string }>(`SELECT id FROM cases WHERE source_key = $1`, [
        `slack:C-public:${ts}`,
      ])
    )[0]!.id,
  );
  await running.worker.kick('draft');
  const notice = await slack.until(() =>
    slack.messages.find((message) => message.channel === 'C-review' && message.text.startsWith(`案件 #${caseId}：`)),
  );
  return { receipt, caseId, notice };
}

function buttonValue(notice: { blocks?: unknown[] }, actionId: string): string {
  const actions = notice.blocks!.find((block) => (block as { type: string }).type === 'actions') as {
    elements: Array<{ action_id: string; value: string }>;
  };
  return actions.elements.find((element) => element.action_id === actionId)!.value;
}

describe('Slack surface (Bolt against a loopback Slack)', () => {
  it("takes a citizen's question from a thread to reviewers' buttons and posts the approved answer in that thread once", async () => {
    const { receipt, caseId, notice } = await citizenAsks(
      '申请公开政府信息，多长时间能得到答复？',
      '1700000001.000100',
    );
    expect(receipt.text).toMatch(/^已收到您的问题（查询码 HY-/);
    expect(JSON.stringify(notice.blocks)).toContain('批准发布第 1 版');
    const value = buttonValue(notice, 'huiying_approve');

    await slack.pressButton(slackUrl, {
      actionId: 'huiying_approve',
      value,
      userId: 'U-stranger',
      channel: 'C-review',
      messageTs: notice.ts,
    });
    await slack.until(() =>
      slack.messages.find((message) => message.thread_ts === notice.ts && message.text.includes('未关联 huiying 账号')),
    );
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');

    await slack.pressButton(slackUrl, {
      actionId: 'huiying_approve',
      value,
      userId: 'U-approver',
      channel: 'C-review',
      messageTs: notice.ts,
    });
    await slack.until(() =>
      slack.messages.find((message) => message.thread_ts === notice.ts && message.text.includes('已批准')),
    );
    await running.worker.kick('deliver');
    const answers = slack.messages.filter(
      (message) =>
        message.channel === 'C-public' &&
        message.thread_ts === '1700000001.000100' &&
        message.metadata?.event_type === 'huiying_answer',
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain('依据：\n[1] 《');
    expect((await findCase(sample.database, caseId))!.status).toBe('posted');
    const events = (await readAuditLog(sample.database, { caseId })).map((entry) => [entry.event, entry.actor]);
    expect(events).toEqual([
      ['inquiry-received', 'surface:slack'],
      ['draft-created', 'drafter:extractive-v1'],
      ['decision-refused', 'slack:U-stranger'],
      ['draft-approved', expect.stringMatching(/:zhao$/)],
      ['answer-posted', 'surface:slack'],
    ]);
  });

  it('posts an answer once even when delivery is repeated after a crash, by finding its own post in the thread', async () => {
    const surface = new SlackSurface({
      settings: loadConfig({ environment }).slack!,
      context: running.context,
      kick: () => {},
      log: () => {},
    });
    const delivery = {
      caseId: 999,
      target: { surface: 'slack', channel: 'C-public', threadTs: '1700000009.000100' },
      text: '答复',
      idempotencyKey: 'case-999-v1-abc',
    };
    const first = await surface.deliver(delivery);
    const second = await surface.deliver(delivery);
    expect(second).toEqual(first);
    expect(slack.messages.filter((message) => message.thread_ts === '1700000009.000100')).toHaveLength(1);

    // A long thread: the answer is on the third page of replies, and is still found.
    const busy = {
      ...delivery,
      caseId: 998,
      target: { ...delivery.target, threadTs: '1700000008.000100' },
      idempotencyKey: 'case-998-v1-abc',
    };
    const chat = (threadTs: string, count: number) => {
      for (let index = 0; index < count; index += 1)
        slack.replyAsUser({ channel: 'C-public', threadTs, text: `讨论 ${index}` });
    };
    chat('1700000008.000100', 450);
    const posted = await surface.deliver(busy);
    chat('1700000008.000100', 30);
    expect(await surface.deliver(busy)).toEqual(posted);
    expect(
      slack.messages.filter(
        (message) => message.thread_ts === '1700000008.000100' && message.metadata?.event_type === 'huiying_answer',
      ),
    ).toHaveLength(1);

    // Too long for one Slack message: not cut, not posted.
    await expect(
      surface.deliver({ ...delivery, caseId: 996, text: '答'.repeat(40_001), idempotencyKey: 'case-996-v1-abc' }),
    ).rejects.toMatchObject({ code: 'delivery-failed', message: expect.stringContaining('Shorten it in the console') });

    // Too long to check: no guess, no second answer.
    const buried = {
      ...delivery,
      caseId: 997,
      target: { ...delivery.target, threadTs: '1700000007.000100' },
      idempotencyKey: 'case-997-v1-abc',
    };
    chat('1700000007.000100', 2_050);
    await expect(surface.deliver(buried)).rejects.toMatchObject({
      code: 'delivery-failed',
      message: expect.stringContaining('more than 2000 replies'),
    });
    expect(
      slack.messages.filter((message) => message.thread_ts === '1700000007.000100' && message.metadata),
    ).toHaveLength(0);
  });

  it('rejects through a modal with the reason on record', async () => {
    const { caseId, notice } = await citizenAsks('公共停车场收费标准由谁制定？', '1700000002.000100');
    await slack.pressButton(slackUrl, {
      actionId: 'huiying_reject',
      value: buttonValue(notice, 'huiying_reject'),
      userId: 'U-approver',
      channel: 'C-review',
      messageTs: notice.ts,
    });
    const opened = await slack.until(() => slack.called('views.open').at(-1));
    const view = opened.view as { callback_id: string; private_metadata: string };
    await slack.submitView(slackUrl, {
      userId: 'U-approver',
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      value: '引用条款不准确',
    });
    await slack.until(() =>
      slack.messages.find((message) => message.thread_ts === notice.ts && message.text.includes('已退回')),
    );
    expect((await findCase(sample.database, caseId))!.status).toBe('needs-revision');
    expect((await readAuditLog(sample.database, { caseId })).at(-1)).toMatchObject({
      event: 'draft-rejected',
      details: { reason: '引用条款不准确' },
    });
  });

  it('says in the thread, in Chinese, why a decision was refused: the wrong role, or approving one’s own edit', async () => {
    const { caseId, notice } = await citizenAsks('政府信息公开申请的答复期限是多久？', '1700000009.000100');
    const value = buttonValue(notice, 'huiying_approve');
    const press = (userId: string, buttonValue: string) =>
      slack.pressButton(slackUrl, {
        actionId: 'huiying_approve',
        value: buttonValue,
        userId,
        channel: 'C-review',
        messageTs: notice.ts,
      });
    const reply = (text: string) =>
      slack.until(() =>
        slack.messages.find((message) => message.thread_ts === notice.ts && message.text.includes(text)),
      );

    await press('U-staff', value);
    const wrongRole = await reply('无权批准');
    expect(wrongRole.text).toBe(
      `操作未执行（案件 #${caseId}）：li-staff（工作人员）无权批准草稿，请有相应权限的人员操作。`,
    );

    // 赵 edits the draft and then tries to approve the text he wrote himself.
    await decideAsIdentity(running.context, {
      surface: 'slack',
      externalId: 'U-approver',
      caseId,
      decision: { action: 'edit', basedOnVersion: 1, text: '您好！行政机关收到政府信息公开申请后依法答复[1]。' },
    });
    const edited = (await findVersion(sample.database, caseId, 2))!;
    await press('U-approver', JSON.stringify({ caseId, version: 2, textHash: edited.textHash }));
    const ownEdit = await reply('不能由本人批准');
    expect(ownEdit.text).toBe(
      `操作未执行（案件 #${caseId}）：zhao 撰写或修改了第 2 版，不能由本人批准：请另一位审核人批准。`,
    );
    expect((await findCase(sample.database, caseId))!.status).toBe('awaiting-review');
  });

  it('does not make a second case when Slack retries an event', async () => {
    await citizenAsks('依申请公开政府信息收费吗？', '1700000003.000100');
    await slack.sendEvent(slackUrl, {
      type: 'app_mention',
      user: 'U-citizen',
      text: '<@UBOT> 依申请公开政府信息收费吗？',
      ts: '1700000003.000100',
      channel: 'C-public',
      event_ts: '1700000003.000100',
    });
    // Wait until the app has finished with both deliveries of the event, then count.
    await slack.until(() => handled.filter((body) => body.event?.ts === '1700000003.000100').length === 2);
    expect(
      await sample.database.query(`SELECT id FROM cases WHERE source_key = 'slack:C-public:1700000003.000100'`),
    ).toHaveLength(1);
    expect(
      slack.messages.filter((message) => message.thread_ts === '1700000003.000100' && message.text.includes('查询码')),
    ).toHaveLength(1);
  });

  it("answers staff's /huiying at once, internal and visible only to them, and asks unlinked users to be linked", async () => {
    await slack.sendCommand(slackUrl, { text: '公共停车场收费标准由谁制定？', user_id: 'U-staff' });
    const answer = await slack.until(() =>
      slack.responses.find((response) => String(response.text).includes('内部参考')),
    );
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer.text)).toMatch(/\[1\]/);
    await slack.sendCommand(slackUrl, { text: '停车收费？', user_id: 'U-nobody' });
    const refusal = await slack.until(() =>
      slack.responses.find((response) => String(response.text).includes('huiying user link')),
    );
    expect(String(refusal.text)).toContain('U-nobody');
  });

  it('refuses requests not signed with the signing secret', async () => {
    const impostor = new FakeSlack('some other secret');
    expect(
      await impostor.sendEvent(slackUrl, {
        type: 'app_mention',
        user: 'U-x',
        text: '<@UBOT> 伪造的请求内容',
        ts: '1700000004.000100',
        channel: 'C-public',
        event_ts: '1',
      }),
    ).toBe(401);
    expect(
      await sample.database.query(`SELECT id FROM cases WHERE source_key = 'slack:C-public:1700000004.000100'`),
    ).toHaveLength(0);
  });

  it('keeps an approved answer through a Slack outage and posts it once Slack is back', async () => {
    const { caseId, notice } = await citizenAsks('申请公开政府信息需要提交什么材料？', '1700000005.000100');
    const value = JSON.parse(buttonValue(notice, 'huiying_approve')) as { version: number; textHash: string };
    slack.failPosts = 1;
    await decideAsIdentity(running.context, {
      surface: 'slack',
      externalId: 'U-approver',
      caseId,
      decision: { action: 'approve', version: value.version, textHash: value.textHash },
    });
    await running.worker.kick('deliver');
    const retryAt = new Date(clock.now().getTime() + 2_000).toISOString();
    expect((await readAuditLog(sample.database, { caseId })).at(-1)).toMatchObject({
      event: 'delivery-failed',
      details: { willRetry: true, nextAttemptAt: retryAt, error: expect.stringContaining('service_unavailable') },
    });
    const answers = () =>
      slack.messages.filter(
        (message) => message.thread_ts === '1700000005.000100' && message.metadata?.event_type === 'huiying_answer',
      );
    // The outbox tries again after its backoff (2 s for the first retry), not before.
    clock.advance({ seconds: 1 });
    await running.worker.kick('deliver');
    expect(answers()).toHaveLength(0);
    clock.advance({ seconds: 1 });
    await running.worker.kick('deliver');
    expect(answers()).toHaveLength(1);
    expect((await findCase(sample.database, caseId))!.status).toBe('posted');
  });

  it('tells the review channel of a talking point proposed in the console, with its whole text', async () => {
    await createAccount(sample.database, {
      username: 'wang-drafter',
      password: 'correct horse battery',
      role: 'drafter',
      displayName: '王拟稿',
    });
    const drafter = new ConsoleClient(running.url);
    await drafter.signIn('wang-drafter');
    const page = await drafter.get('/talking-points');
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const proposed = await drafter.post('/talking-points', {
      csrf: ConsoleClient.field(page.body, 'csrf'),
      title: '关于青禾大桥封闭检测的回应口径',
      text: '青禾大桥自11月23日起封闭检测，预计12月15日恢复通行。',
      expires_on: nextMonth,
    });
    expect(proposed.status).toBe(303);
    const notice = await slack.until(() =>
      slack.messages.find((message) => message.channel === 'C-review' && message.text.startsWith('新口径待审核')),
    );
    const shown = JSON.stringify(notice.blocks);
    expect(shown).toContain('关于青禾大桥封闭检测的回应口径');
    expect(shown).toContain('预计12月15日恢复通行');
    expect(shown).toContain(`拟稿 王拟稿 · 有效期至 ${nextMonth}`);
    // No buttons: talking points are published in the console.
    expect(shown).not.toContain('"actions"');
  });
});
