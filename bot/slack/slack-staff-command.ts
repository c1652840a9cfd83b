import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { findAccountByIdentity } from '../../review/accounts/accounts.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import { escape } from './slack-messages.ts';
import type { ChatListenerOptions } from '../chat-listener-options.ts';

/** Staff ask policy questions with `/huiying`: an internal, cited answer at once, visible only to them. */
export function listenForStaffCommand(options: ChatListenerOptions & { app: App }): void {
  const { context } = options;
  options.app.command('/huiying', async ({ command, ack, respond }) => {
    await ack();
    const question = command.text.trim();
    if (question === '') {
      await respond({ response_type: 'ephemeral', text: '用法：/huiying <政策问题>' });
      return;
    }
    const asker = await findAccountByIdentity(context.database, { surface: 'slack', externalId: command.user_id });
    if (!asker) {
      await respond({
        response_type: 'ephemeral',
        text: `您的 Slack 账号未关联 huiying 账号，请管理员运行 huiying user link <用户名> slack ${command.user_id}`,
      });
      return;
    }
    try {
      const { caseId, answer } = await answerStaffQuestion(context, {
        question,
        asker,
        surface: 'slack',
        replyTarget: { channel: command.channel_id },
      });
      await respond({
        response_type: 'ephemeral',
        text: `【内部参考 · 未经审核 · 不得对外】（内部咨询 #${caseId}）\n${escape(renderPublicAnswer(answer))}`,
      });
    } catch (error) {
      const eventId = randomUUID().slice(0, 8);
      options.log(`[slack] event ${eventId}: /huiying failed: ${(error as Error).message}`);
      await respond({
        response_type: 'ephemeral',
        text: `系统出现错误（事件编号 ${eventId}），请稍后重试或在网页控制台提问。`,
      });
    }
  });
}
