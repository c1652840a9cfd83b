import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, linkIdentity } from '../../review/accounts/accounts.ts';
import { readAuditLog } from '../../audit/read-audit-log.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { findCase } from '../../review/read-cases.ts';
import { BOT_ID, FakeDiscord } from '../fakes/fake-discord.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const PUBLIC = '500000000000000001';
const REVIEW = '500000000000000002';
const sample = useSampleOfficeDatabase();
const discord = new FakeDiscord();
let running: RunningConsole;

beforeAll(async () => {
  await discord.start();
  const environment = {
    DISCORD_BOT_TOKEN: 'test-token',
    DISCORD_REVIEW_CHANNEL: REVIEW,
    DISCORD_API_URL: discord.apiUrl,
  };
  running = await runConsole({
    config: loadConfig({ environment }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    log: () => {},
  });
  await createAccount(sample.database, { username: 'zhao', password: 'correct horse battery', role: 'approver' });
  await createAccount(sample.database, { username: 'li-staff', password: 'correct horse battery', role: 'staff' });
  await linkIdentity(sample.database, { username: 'zhao', surface: 'discord', externalId: '700000000000000001' });
  await linkIdentity(sample.database, { username: 'li-staff', surface: 'discord', externalId: '700000000000000002' });
});
afterAll(async () => {
  await running?.stop();
  await discord.stop();
});

async function citizenAsks(question: string) {
  const interactionId = discord.command({ name: 'ask', question, userId: '700000000000000009', channelId: PUBLIC });
  // This interaction's own receipt: the bot writes the reference into it once the case is committed (an earlier
  // receipt in the channel would be found before this case exists).
  const receipt = await discord.until(() => {
    const original = discord.originalOf(interactionId);
    return original?.channel_id === PUBLIC && original.content.includes('查询码') ? original : undefined;
  });
  const caseId = Number(
    (
      await sample.database.query<{ id: string }>('SELECT id FROM cases WHERE source_key = $1', [
        `discord:${interactionId}`,
      ])
    )[0]!.id,
  );
  await running.worker.kick('draft');
  const notice = await discord.until(() =>
    discord.messages.find(
      (message) => message.channel_id === REVIEW && message.content.startsWith(`案件 #${caseId}：`),
    ),
  );
  return { receipt, caseId, notice };
}

function customIdOf(notice: { components: unknown[] }, prefix: string): string {
  const row = notice.components[0] as { components: Array<{ custom_id: string }> };
  return row.components.find((component) => component.custom_id.startsWith(prefix))!.custom_id;
}

describe('Discord surface (discord.js against a loopback Discord)', () => {
  it('registers its slash commands when it connects', () => {
    const registered = discord.calls.find((call) => call.method === 'PUT' && call.path.endsWith('/commands'))!;
    expect((registered.body as Array<{ name: string }>).map((command) => command.name)).toEqual(['ask', 'huiying']);
  });

  it("takes a citizen's /ask to reviewers' buttons and replies to the receipt with the approved answer, once", async () => {
    const { receipt, caseId, notice } = await citizenAsks('申请公开政府信息，多长时间能得到答复？');
    expect(receipt.content).toMatch(/^已收到您的问题（查询码 HY-/);
    expect(JSON.stringify(notice.embeds)).toContain('依据');

    const approve = customIdOf(notice, 'huiying:approve:');
    const refused = discord.press({ customId: approve, userId: '700000000000000777', message: notice });
    await discord.until(() => discord.callbacks.get(refused));
    expect(discord.callbacks.get(refused)).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('未关联 huiying 账号') },
    });

    const approved = discord.press({ customId: approve, userId: '700000000000000001', message: notice });
    await discord.until(() => discord.callbacks.get(approved));
    expect(String(discord.callbacks.get(approved)!.data!.content)).toContain('已批准');
    await running.worker.kick('deliver');
    const answers = discord.messages.filter(
      (message) => message.message_reference?.message_id === receipt.id && message.author.id === BOT_ID,
    );
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]!.embeds)).toContain('依据');
    expect((await findCase(sample.database, caseId))!.status).toBe('posted');

    // Delivering again (as after a crash before the delivery was recorded) finds the reply and posts nothing.
    const again = await running.surfaces.byName.get('discord')!.deliver({
      caseId,
      target: { surface: 'discord', channelId: PUBLIC, receiptMessageId: receipt.id },
      text: 'x',
      idempotencyKey: 'k',
    });
    expect(again.receipt).toBe(`discord:${PUBLIC}:${answers[0]!.id}`);
    expect(discord.messages.filter((message) => message.message_reference?.message_id === receipt.id)).toHaveLength(1);
  });

  it('finds its earlier answer pages back in a busy channel, and will not guess when the channel is too busy to check', async () => {
    const deliverTo = (receiptId: string) =>
      running.surfaces.byName.get('discord')!.deliver({
        caseId: 1,
        target: { surface: 'discord', channelId: PUBLIC, receiptMessageId: receiptId },
        text: '答复全文',
        idempotencyKey: `k-${receiptId}`,
      });
    const chat = (count: number) => {
      for (let index = 0; index < count; index += 1)
        discord.postAsUser({ channelId: PUBLIC, userId: '700000000000000555', content: `闲聊 ${index}` });
    };
    const receipt = discord.postAsUser({ channelId: PUBLIC, userId: '700000000000000555', content: '（回执）' });
    chat(250);
    const first = await deliverTo(receipt.id);
    chat(20);
    // The answer is the 251st message after the receipt: page three.
    expect((await deliverTo(receipt.id)).receipt).toBe(first.receipt);
    expect(discord.messages.filter((message) => message.message_reference?.message_id === receipt.id)).toHaveLength(1);

    const buried = discord.postAsUser({ channelId: PUBLIC, userId: '700000000000000555', content: '（回执）' });
    chat(2_050);
    await expect(deliverTo(buried.id)).rejects.toMatchObject({
      code: 'delivery-failed',
      message: expect.stringContaining('more than 2000 messages follow the receipt'),
    });
    expect(discord.messages.filter((message) => message.message_reference?.message_id === buried.id)).toHaveLength(0);
  });

  it('answers a press on a button it does not know, instead of leaving it hanging', async () => {
    const pressed = discord.press({
      customId: 'something-else:1',
      userId: '700000000000000001',
      message: discord.messages[0]!,
    });
    const callback = await discord.until(() => discord.callbacks.get(pressed));
    expect(callback).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('已失效') } });
  });

  it('escalates through a modal, with the reason on record', async () => {
    const { caseId, notice } = await citizenAsks('公共停车场收费标准由谁制定？');
    const pressed = discord.press({
      customId: customIdOf(notice, 'huiying:escalate:'),
      userId: '700000000000000001',
      message: notice,
    });
    const shown = await discord.until(() => discord.callbacks.get(pressed));
    expect(shown.type).toBe(9);
    const submitted = discord.submitModal({
      customId: String(shown.data!.custom_id),
      userId: '700000000000000001',
      channelId: REVIEW,
      value: '涉及收费争议，请分管领导审定',
    });
    await discord.until(() => discord.callbacks.get(submitted));
    expect((await findCase(sample.database, caseId))!.status).toBe('escalated');
    expect((await readAuditLog(sample.database, { caseId })).at(-1)).toMatchObject({
      event: 'case-escalated',
      actor: expect.stringMatching(/:zhao$/),
      details: { reason: '涉及收费争议，请分管领导审定' },
    });
  });

  it("answers staff's /huiying privately and marks it internal", async () => {
    const asked = discord.command({
      name: 'huiying',
      question: '公共停车场收费标准由谁制定？',
      userId: '700000000000000002',
      channelId: PUBLIC,
    });
    const answer = await discord.until(() => {
      const callback = discord.callbacks.get(asked);
      const original = [...discord.originals.entries()].find(([token]) => token === `token-${asked}`)?.[1];
      return callback && original?.content.includes('内部参考') ? { callback, original } : undefined;
    });
    expect(answer.callback).toMatchObject({ type: 5, data: { flags: 64 } });
    // The cited answer is in the reply's embeds, whole.
    expect(answer.original.embeds.map((embed) => (embed as { description: string }).description).join('')).toMatch(
      /\[1\][\s\S]*《/,
    );
  });
});
