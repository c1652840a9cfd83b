import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { findAccountByIdentity } from '../../accounts/accounts.ts';
import { isHuiyingError } from '../../errors/huiying-error.ts';
import { answerStaffQuestion } from '../../review/answer-staff-question.ts';
import { decideAsIdentity } from '../../review/decide-as-identity.ts';
import type { Decision } from '../../review/decide-case.ts';
import { findVersion } from '../../review/read-cases.ts';
import { renderPublicAnswer } from '../../review/render-public-answer.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import { submitInquiry } from '../../review/submit-inquiry.ts';
import type { ButtonValue } from './slack-messages.ts';

const DECISION_VIEW = 'huiying_decision';
const MODAL_FIELDS: Record<'edit' | 'reject' | 'escalate', { title: string; label: string; multiline: boolean }> = {
  edit: { title: '修改草稿', label: '草稿文本（保留 [1] 等引用编号）', multiline: true },
  reject: { title: '退回', label: '退回理由', multiline: false },
  escalate: { title: '上报', label: '上报理由', multiline: false },
};

/** Wires Slack's events, the `/huiying` command, the review buttons and the decision modals to the review core. */
export function registerSlackListeners(options: { app: App; context: ReviewContext; kick: (job: 'draft' | 'deliver') => void; log: (line: string) => void }): void {
  const { app, context } = options;

  // A citizen mentions the app in a public channel: the question becomes a case answered in the same thread.
  app.event('app_mention', async ({ event, client }) => {
    try {
      await receive(event, client);
    } catch (error) {
      const eventId = randomUUID().slice(0, 8);
      options.log(`[slack] event ${eventId}: a question in ${event.channel} was not received: ${(error as Error).message}`);
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: `系统暂时无法受理（事件编号 ${eventId}），请稍后再试。` }).catch(() => undefined);
    }
  });

  async function receive(event: { text: string; ts: string; thread_ts?: string; channel: string; user?: string }, client: App['client']): Promise<void> {
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
    await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: `已收到您的问题（查询码 ${received.publicReference}）。答复经工作人员审核后将在本话题中回复。` });
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
      await respond({ response_type: 'ephemeral', text: `您的 Slack 账号未关联 huiying 账号，请管理员运行 huiying user link <用户名> slack ${command.user_id}` });
      return;
    }
    try {
      const { caseId, answer } = await answerStaffQuestion(context, { question, asker, surface: 'slack', replyTarget: { channel: command.channel_id } });
      await respond({ response_type: 'ephemeral', text: `【内部参考 · 未经审核 · 不得对外】（内部咨询 #${caseId}）\n${renderPublicAnswer(answer)}` });
    } catch (error) {
      const eventId = randomUUID().slice(0, 8);
      options.log(`[slack] event ${eventId}: /huiying failed: ${(error as Error).message}`);
      await respond({ response_type: 'ephemeral', text: `系统出现错误（事件编号 ${eventId}），请稍后重试或在网页控制台提问。` });
    }
  });

  app.action('huiying_approve', async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const value = JSON.parse(action.value ?? '{}') as ButtonValue;
    const outcome = await decide({ externalId: body.user.id, caseId: value.caseId, decision: { action: 'approve', version: value.version, textHash: value.textHash } });
    await client.chat.postMessage({ channel: body.channel?.id ?? '', thread_ts: body.message?.ts, text: outcome });
  });

  for (const action of ['edit', 'reject', 'escalate'] as const) {
    app.action(`huiying_${action}`, async ({ ack, body, action: pressed, client }) => {
      await ack();
      if (body.type !== 'block_actions' || pressed.type !== 'button') return;
      const value = JSON.parse(pressed.value ?? '{}') as ButtonValue;
      const field = MODAL_FIELDS[action];
      const initial = action === 'edit' ? (await findVersion(context.database, value.caseId, value.version))?.text : undefined;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: DECISION_VIEW,
          private_metadata: JSON.stringify({ ...value, action, channel: body.channel?.id, messageTs: body.message?.ts }),
          title: { type: 'plain_text', text: field.title },
          submit: { type: 'plain_text', text: '提交' },
          blocks: [{ type: 'input', block_id: 'input', label: { type: 'plain_text', text: field.label }, element: { type: 'plain_text_input', action_id: 'value', multiline: field.multiline, ...(initial && { initial_value: initial }) } }],
        },
      });
    });
  }

  app.view(DECISION_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const meta = JSON.parse(view.private_metadata) as ButtonValue & { action: 'edit' | 'reject' | 'escalate'; channel?: string; messageTs?: string };
    const input = view.state.values.input?.value?.value ?? '';
    const decision: Decision =
      meta.action === 'edit' ? { action: 'edit', basedOnVersion: meta.version, text: input } : meta.action === 'reject' ? { action: 'reject', reason: input } : { action: 'escalate', reason: input };
    const outcome = await decide({ externalId: body.user.id, caseId: meta.caseId, decision });
    if (meta.channel) await client.chat.postMessage({ channel: meta.channel, thread_ts: meta.messageTs, text: outcome });
  });

  // Runs a decision and says, in words for the channel, what happened; a refusal is explained, not thrown.
  async function decide(request: { externalId: string; caseId: number; decision: Decision }): Promise<string> {
    try {
      const outcome = await decideAsIdentity(context, { surface: 'slack', ...request });
      if (request.decision.action === 'approve') options.kick('deliver');
      const done = { approve: '已批准，答复将在来件话题中发布', edit: `已保存为第 ${outcome.version} 版，等待审核`, reject: '已退回修改', escalate: '已上报', reassign: '已转办', reclassify: '已调整级别' }[request.decision.action];
      return `<@${request.externalId}> ${done}（案件 #${request.caseId}）。${outcome.warnings.length > 0 ? `请注意：${outcome.warnings.join('；')}` : ''}`;
    } catch (error) {
      if (isHuiyingError(error) && (error.code === 'decision-refused' || error.code === 'case-not-found')) return `操作未执行（案件 #${request.caseId}）：${error.message}`;
      options.log(`[slack] decision on case ${request.caseId} failed: ${(error as Error).message}`);
      return `操作失败（案件 #${request.caseId}），请稍后重试或在网页控制台处理。`;
    }
  }
}
