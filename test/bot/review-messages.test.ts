import { describe, expect, it } from 'vitest';
import {
  reviewMessage as discordMessage,
  talkingPointMessage as discordTalkingPoint,
} from '../../bot/discord/discord-messages.ts';
import { reviewMessage as slackMessage } from '../../bot/slack/slack-messages.ts';
import { splitText } from '../../bot/split-text.ts';
import type { ReviewNotice } from '../../review/surface.ts';

// A long answer of numbered paragraphs, with the characters Slack escapes.
const paragraph = (index: number) =>
  `${index}. 申请人可以通过信函、传真或者网上申请平台提交申请，行政机关应当自收到申请之日起20个工作日内予以答复 <依据> & 说明。`;
const answerOf = (characters: number) => {
  const lines: string[] = [];
  for (let index = 1; lines.join('\n').length < characters; index += 1) lines.push(paragraph(index));
  return lines.join('\n').slice(0, characters);
};
const notice = (publicText: string): ReviewNotice => ({
  kind: 'draft-ready',
  caseId: 42,
  summary: '申请公开政府信息多久答复？',
  dueAt: new Date('2026-12-01T09:00:00Z'),
  draft: { version: 2, publicText, textHash: 'a'.repeat(64), refused: false, flags: [] },
});

type SlackBlock = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string; text?: string }> };
const slackUnescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const slackText = (blocks: SlackBlock[]) =>
  blocks
    .slice(1)
    .filter((block) => block.type === 'section')
    .map((block) => slackUnescape(block.text!.text))
    .join('');
const slackButtons = (blocks: SlackBlock[]) =>
  blocks.find((block) => block.type === 'actions')!.elements!.map((element) => element.action_id);

type DiscordBody = {
  content: string;
  embeds: Array<{ title?: string; description: string; footer?: { text: string } }>;
  components: Array<{ components: Array<{ custom_id: string }> }>;
};
// Discord shows `\x` as x: the reviewer reads the text as written, markdown and all (see discordLiteral).
const discordText = (body: DiscordBody) =>
  body.embeds
    .map((embed) => embed.description)
    .join('')
    .replace(/\\(.)/gs, '$1');
const discordButtons = (body: DiscordBody) =>
  body.components[0]!.components.map((button) => button.custom_id.split(':')[1]);
const embedCharacters = (body: DiscordBody) =>
  body.embeds.reduce(
    (sum, embed) => sum + (embed.title?.length ?? 0) + embed.description.length + (embed.footer?.text.length ?? 0),
    0,
  );

describe('splitting a text for chat platforms', () => {
  it('keeps every character, cuts at line breaks when it can, and respects the limit', () => {
    const text = answerOf(10_000);
    const parts = splitText(text, 2_900);
    expect(parts.join('')).toBe(text);
    expect(parts.every((part) => part.length <= 2_900)).toBe(true);
    expect(parts.slice(0, -1).every((part) => part.endsWith('\n'))).toBe(true);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(splitText('', 10)).toEqual(['']);
  });
});

describe('review messages show the approver the whole text they approve', () => {
  it('Slack: a long draft over several sections, whole; edit only when Slack can hold the text in its input box', () => {
    const short = slackMessage(notice(answerOf(1_000)));
    expect(slackText(short.blocks as SlackBlock[])).toBe(answerOf(1_000));
    expect(slackButtons(short.blocks as SlackBlock[])).toEqual([
      'huiying_approve',
      'huiying_edit',
      'huiying_reject',
      'huiying_escalate',
    ]);

    const long = slackMessage(notice(answerOf(9_000)));
    const blocks = long.blocks as SlackBlock[];
    expect(slackText(blocks)).toBe(answerOf(9_000));
    expect(blocks.filter((block) => block.type === 'section').every((block) => block.text!.text.length <= 3_000)).toBe(
      true,
    );
    expect(slackButtons(blocks)).toEqual(['huiying_approve', 'huiying_reject', 'huiying_escalate']);
    expect(JSON.stringify(blocks)).toContain('请在控制台修改');
  });

  it('Slack: a text too long for one message cannot be approved there', () => {
    const blocks = slackMessage(notice(answerOf(140_000))).blocks as SlackBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(slackButtons(blocks)).toEqual(['huiying_reject', 'huiying_escalate']);
    expect(JSON.stringify(blocks)).toContain('一条 Slack 消息放不下（上限 40000 字），请在控制台缩短后再批准');
  });

  it('Discord: a long draft in several embeds within the message limit; no approve button when it cannot be shown or delivered', () => {
    // 5,300 characters, escaped for Discord (1\. at each line, \<) about 5,600: within the message.
    const fits = discordMessage(notice(answerOf(5_300))) as DiscordBody;
    expect(discordText(fits)).toBe(answerOf(5_300));
    expect(fits.embeds.length).toBe(2);
    expect(embedCharacters(fits)).toBeLessThanOrEqual(6_000);
    expect(discordButtons(fits)).toEqual(['approve', 'reject', 'escalate']);

    const editable = discordMessage(notice(answerOf(3_000))) as DiscordBody;
    expect(discordButtons(editable)).toEqual(['approve', 'edit', 'reject', 'escalate']);

    const tooLong = discordMessage(notice(answerOf(7_000))) as DiscordBody;
    expect(discordButtons(tooLong)).toEqual(['reject', 'escalate']);
    expect(embedCharacters(tooLong)).toBeLessThanOrEqual(6_000);
    expect(tooLong.embeds.at(-1)!.footer!.text).toContain('无法回复到 Discord；请在控制台缩短后再批准');
  });

  it('link the case in the console when HUIYING_PUBLIC_URL is set', () => {
    const options = { consoleUrl: 'https://huiying.example.gov.cn' };
    expect(JSON.stringify(slackMessage(notice('答复'), options).blocks)).toContain(
      '<https://huiying.example.gov.cn/cases/42|在控制台打开案件 #42>',
    );
    expect((discordMessage(notice('答复'), options) as DiscordBody).content).toContain(
      'https://huiying.example.gov.cn/cases/42',
    );
    expect((discordMessage(notice('答复')) as DiscordBody).content).not.toContain('http');
  });

  it('Discord: a talking point waiting for an approver, whole, with where to publish it', () => {
    const text = answerOf(5_000);
    const body = discordTalkingPoint(
      { proposalId: 7, title: '关于青禾大桥封闭检测的回应口径', text, expiresOn: '2026-12-31', proposedBy: '王拟稿' },
      { consoleUrl: 'https://huiying.example.gov.cn' },
    ) as DiscordBody;
    expect(body.content).toContain(
      '关于青禾大桥封闭检测的回应口径\n拟稿 王拟稿 · 有效期至 2026-12-31 · 请在 https://huiying.example.gov.cn/talking-points#talking-point-7 审核发布',
    );
    expect(discordText(body)).toBe(text);
    expect(embedCharacters(body)).toBeLessThanOrEqual(6_000);
    expect(body.components).toBeUndefined();
  });
});
