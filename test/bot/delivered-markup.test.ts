import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewMessage as discordReviewMessage } from '../../bot/discord/discord-messages.ts';
import { reviewMessage as slackReviewMessage } from '../../bot/slack/slack-messages.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runConsole, type RunningConsole } from '../../console/run-console.ts';
import { createAccount, type Account } from '../../review/accounts/accounts.ts';
import { decideCase } from '../../review/decide-case.ts';
import { findCase, findVersion } from '../../review/read-cases.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { BOT_ID, FakeDiscord } from '../fakes/fake-discord.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { useSampleOfficeDatabase } from '../support/sample-office-database.ts';

const PUBLIC = '500000000000000001';
const sample = useSampleOfficeDatabase();
const slack = new FakeSlack('test-signing-secret');
const discord = new FakeDiscord();
let running: RunningConsole;
let drafter: Account;
let approver: Account;

// What a drafter (or a model manipulated by the public's text) can put in an answer: a channel-wide ping, a link
// whose label is not its address, an ampersand, Discord's masked link, role mention and markdown.
const NASTY =
  '您好！<!channel> 申请人可访问<https://evil.example/claim|青禾市人民政府官网>查询 & 办理[1]。@everyone 详见[青禾市人民政府官网](https://evil.example/claim)或<@&500000000000000099>，**加急**[1]。';

beforeAll(async () => {
  await slack.start();
  await discord.start();
  running = await runConsole({
    config: loadConfig({
      environment: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_REVIEW_CHANNEL: 'C-review',
        SLACK_API_URL: slack.apiUrl,
        HUIYING_SLACK_PORT: '0',
        DISCORD_BOT_TOKEN: 'test-token',
        DISCORD_REVIEW_CHANNEL: '500000000000000002',
        DISCORD_API_URL: discord.apiUrl,
      },
    }),
    database: sample.database,
    embedder: sample.embedder,
    port: 0,
    warmUpSearches: 0,
    workerIntervals: { draftMs: 3_600_000, deliverMs: 3_600_000, sweepMs: 3_600_000 },
    log: () => {},
  });
  drafter = await createAccount(sample.database, {
    username: 'wang',
    password: 'correct horse battery',
    role: 'drafter',
  });
  approver = await createAccount(sample.database, {
    username: 'zhao',
    password: 'correct horse battery',
    role: 'approver',
  });
});
afterAll(async () => {
  await running?.stop();
  await slack.stop();
  await discord.stop();
});

/** A case from `surface`, drafted, edited to NASTY by the drafter and approved by another person; returns what was approved. */
async function approveNastyAnswer(surface: 'slack' | 'discord', replyTarget: Record<string, unknown>) {
  const { caseId } = await submitInquiry(running.context, {
    kind: 'citizen-question',
    text: '申请公开政府信息，多长时间能得到答复？',
    surface,
    replyTarget,
    authorId: `${surface}-citizen`,
    receivedBy: `surface:${surface}`,
  });
  await running.worker.kick('draft');
  await decideCase(running.context, {
    caseId,
    actor: drafter,
    decision: { action: 'edit', basedOnVersion: 1, text: NASTY },
  });
  const version = (await findVersion(sample.database, caseId, 2))!;
  await decideCase(running.context, {
    caseId,
    actor: approver,
    decision: { action: 'approve', version: 2, textHash: version.textHash },
  });
  await running.worker.kick('deliver');
  expect((await findCase(sample.database, caseId))!.status).toBe('posted');
  return { caseId, approved: renderPublicAnswer(version), version };
}

const draftNotice = (caseId: number, version: { version: number; textHash: string }, publicText: string) => ({
  kind: 'draft-ready' as const,
  caseId,
  summary: '申请公开政府信息，多长时间能得到答复？',
  dueAt: new Date(),
  draft: { version: version.version, publicText, textHash: version.textHash, refused: false, flags: [] },
});

describe('an approved answer posted to a chat platform', () => {
  it('reaches Slack escaped, exactly as the approver read it: no channel ping, no link with a fake label', async () => {
    const { caseId, approved, version } = await approveNastyAnswer('slack', {
      channel: 'C-public',
      threadTs: '1700000099.000100',
    });
    expect(approved).toContain('<!channel>');
    const posted = slack.messages.filter(
      (message) => message.thread_ts === '1700000099.000100' && message.metadata?.event_type === 'huiying_answer',
    );
    expect(posted).toHaveLength(1);
    const text = posted[0]!.text;
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;https://evil.example/claim|青禾市人民政府官网&gt;');
    expect(text).toContain('查询 &amp; 办理');
    expect(text).not.toMatch(/<[!@#h]/);
    // Read back as Slack does (&amp; &lt; &gt; are its only entities), the post is the approved text.
    expect(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(approved);
    // And it is what the reviewers' message showed.
    const review = slackReviewMessage(draftNotice(caseId, version, approved));
    const sections = review.blocks
      .filter((block) => block.type === 'section')
      .slice(1)
      .map((block) => (block as { text: { text: string } }).text.text)
      .join('');
    expect(sections).toBe(text);
  });

  it('reaches Discord with no mention parsed and every masked link, mention and markdown shown as typed', async () => {
    const receipt = discord.postAsUser({ channelId: PUBLIC, userId: BOT_ID, content: '已收到您的问题' });
    const { caseId, approved, version } = await approveNastyAnswer('discord', {
      channelId: PUBLIC,
      receiptMessageId: receipt.id,
    });
    const post = discord.calls.filter(
      (call) =>
        call.method === 'POST' &&
        call.path === `/channels/${PUBLIC}/messages` &&
        (call.body as { message_reference?: { message_id: string } }).message_reference?.message_id === receipt.id,
    );
    expect(post).toHaveLength(1);
    const body = post[0]!.body as { allowed_mentions: unknown; embeds: Array<{ description: string }> };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const description = body.embeds.map((embed) => embed.description).join('');
    expect(description).toContain('\\[青禾市人民政府官网](https://evil.example/claim)');
    expect(description).toContain('\\<@&500000000000000099>');
    expect(description).toContain('\\*\\*加急\\*\\*');
    expect(description).not.toMatch(/(?<!\\)\[青禾市|(?<!\\)<@/);
    // Undoing Discord's escapes gives the approved text back, and the reviewers' embeds showed the same.
    expect(description.replace(/\\(.)/g, '$1')).toBe(approved);
    const review = discordReviewMessage(draftNotice(caseId, version, approved)) as {
      embeds: Array<{ description: string }>;
      allowed_mentions: unknown;
    };
    expect(review.embeds.map((embed) => embed.description).join('')).toBe(description);
    expect(review.allowed_mentions).toEqual({ parse: [] });
  });
});
