import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { findAccountByIdentity } from '../../review/accounts/accounts.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import type { Decision } from '../../review/decision.ts';
import { findVersion } from '../../review/read-cases.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import { decideFromChat, DECISION_FORMS } from '../decide-from-chat.ts';
import { SLACK_INPUT_LIMIT, type ButtonValue } from './slack-messages.ts';

const DECISION_VIEW = 'huiying_decision';

/** Wires Slack's events, the `/huiying` command, the review buttons and the decision modals to the review core. */
export function registerSlackListeners(options: {
  app: App;
  context: ReviewContext;
  kick: (job: 'draft' | 'deliver') => void;
  log: (line: string) => void;
}): void {
  const { app, context } = options;

  // A citizen mentions the app in a public channel: the question becomes a case answered in the same thread.
  app.event('app_mention', async ({ event, client }) => {
    try {
      await receive(event, client);
    } catch (error) {
      const eventId = randomUUID().slice(0, 8);
      options.log(
        `[slack] event ${eventId}: a question in ${event.channel} was not received: ${(error as Error).message}`,
      );
      await client.chat
        .postMessage({
          channel: event.channel,
          thread_ts: event.thread_ts ?? event.ts,
          text: `系统暂时无法受理（事件编号 ${eventId}），请稍后再试。`,
        })
        .catch(() => undefined);
    }
  });

  async function receive(
    event: { text: string; ts: string; thread_ts?: string; channel: string; user?: string },
    client: App['client'],
  ): Promise<void> {
    const text = event.text.replace(/<@[A-Z0-9]+>/g, '').trim();
    if (text.length < 4) return;
    const threadTs = event.thread_ts ?? event.ts;
    const received = await submitInquiry(context, {
      kind: 'citizen-question',
      text,
      surface: 'slack',
      replyTarget: { channel: event.channel, threadTs },
      authorId: event.user ?? 'unknown',
      receivedBy: 'surface:slack',
      // Slack retries an event it thinks was missed; the event's own id keeps that from making a second case.
      sourceKey: `slack:${event.channel}:${event.ts}`,
    });
    if (received.duplicate) return;
    options.kick('draft');
    // A receipt only: fixed words and the reference, never an answer (answers need an approval).
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: threadTs,
      text: `已收到您的问题（查询码 ${received.publicReference}）。答复经工作人员审核后将在本话题中回复。`,
    });
  }

  // Staff ask policy questions: an internal, cited answer at once, visible only to them.
  app.command('/huiying', async ({ command, ack, respond }) => {
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
        text: `【内部参考 · 未经审核 · 不得对外】（内部咨询 #${caseId}）\n${renderPublicAnswer(answer)}`,
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

  app.action('huiying_approve', async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const value = JSON.parse(action.value ?? '{}') as ButtonValue;
    const outcome = await decide({
      externalId: body.user.id,
      caseId: value.caseId,
      decision: { action: 'approve', version: value.version, textHash: value.textHash },
    });
    await client.chat.postMessage({ channel: body.channel?.id ?? '', thread_ts: body.message?.ts, text: outcome });
  });

  for (const action of ['edit', 'reject', 'escalate'] as const) {
    app.action(`huiying_${action}`, async ({ ack, body, action: pressed, client }) => {
      await ack();
      if (body.type !== 'block_actions' || pressed.type !== 'button') return;
      const value = JSON.parse(pressed.value ?? '{}') as ButtonValue;
      const field = DECISION_FORMS[action];
      const initial =
        action === 'edit' ? (await findVersion(context.database, value.caseId, value.version))?.text : undefined;
      if (initial && initial.length > SLACK_INPUT_LIMIT) {
        // Slack's input box holds 3,000 characters: a longer text would be cut, and the cut text saved as an edit.
        await client.chat.postMessage({
          channel: body.channel?.id ?? '',
          thread_ts: body.message?.ts,
          text: `案件 #${value.caseId} 的答复超过 ${SLACK_INPUT_LIMIT} 字，Slack 无法完整编辑，请在控制台修改。`,
        });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: DECISION_VIEW,
          private_metadata: JSON.stringify({
            ...value,
            action,
            channel: body.channel?.id,
            messageTs: body.message?.ts,
          }),
          title: { type: 'plain_text', text: field.title },
          submit: { type: 'plain_text', text: '提交' },
          blocks: [
            {
              type: 'input',
              block_id: 'input',
              label: { type: 'plain_text', text: field.label },
              element: {
                type: 'plain_text_input',
                action_id: 'value',
                multiline: field.long,
                ...(initial && { initial_value: initial }),
              },
            },
          ],
        },
      });
    });
  }

  app.view(DECISION_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const meta = JSON.parse(view.private_metadata) as ButtonValue & {
      action: 'edit' | 'reject' | 'escalate';
      channel?: string;
      messageTs?: string;
    };
    const input = view.state.values.input?.value?.value ?? '';
    const decision: Decision =
      meta.action === 'edit'
        ? { action: 'edit', basedOnVersion: meta.version, text: input }
        : meta.action === 'reject'
          ? { action: 'reject', reason: input }
          : { action: 'escalate', reason: input };
    const outcome = await decide({ externalId: body.user.id, caseId: meta.caseId, decision });
    if (meta.channel)
      await client.chat.postMessage({ channel: meta.channel, thread_ts: meta.messageTs, text: outcome });
  });

  // A refusal is explained in the channel, not thrown; a decision taken names who took it (the channel is shared).
  async function decide(request: { externalId: string; caseId: number; decision: Decision }): Promise<string> {
    const said = await decideFromChat({
      context,
      surface: 'slack',
      ...request,
      approvedText: '已批准，答复将在来件话题中发布',
      kick: options.kick,
      log: options.log,
    });
    return said.done ? `<@${request.externalId}> ${said.text}` : said.text;
  }
}
