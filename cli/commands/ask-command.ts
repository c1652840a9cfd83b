import { draftAnswer } from '../../drafting/draft-answer.ts';
import { loadSensitiveWords } from '../../drafting/flag-sensitive-words.ts';
import type { DraftAudience } from '../../drafting/chat-model.ts';
import { createChatModel } from '../../drafting/create-chat-model.ts';
import { draftProfileFromConfig } from '../../drafting/draft-profile.ts';
import type { Command } from '../command.ts';
import { usageError } from '../usage-error.ts';
import { describeFlag } from '../../drafting/flag-contacts.ts';

const AUDIENCES: DraftAudience[] = ['citizen', 'spokesperson', 'staff'];

export const askCommand: Command = {
  opensDatabase: true,
  help: `Usage: huiying ask "<question>" [--as citizen|spokesperson|staff] [--json]

Retrieves the passages that answer the question, drafts an answer from them, and checks every sentence: it must cite
a retrieved passage, and every number, date, 文号 and article it states must stand in that passage word for word.
Links and contacts not in the sources are removed, personal data is redacted. When the sources do not support an
answer, no answer is composed: the draft is a holding reply, marked for escalation with the department in charge. The draft is for a reviewer: nothing is sent anywhere.

Options:
  --as <audience>  citizen (default): a polite public reply; spokesperson: a statement; staff: a terse internal answer
  --json           print the draft, its sources and its verification report as JSON
  -h, --help       show this help

Example:
  huiying ask "申请公开政府信息，多长时间能得到答复？"`,
  options: { as: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, openContext }) {
    const question = positionals.join(' ').trim();
    if (!question) throw usageError('ask needs a question.', 'huiying ask "申请公开政府信息，多长时间能得到答复？"');
    const audience = (values.as ?? 'citizen') as DraftAudience;
    if (!AUDIENCES.includes(audience)) throw usageError(`--as must be one of ${AUDIENCES.join(', ')}.`, '--as staff');
    const context = await openContext({ workload: 'command' });
    try {
      const draft = await draftAnswer({
        database: context.database,
        embedder: context.embedder,
        model: createChatModel(context.config.chatModel),
        question,
        audience,
        sensitiveWords: loadSensitiveWords(context.config.sensitiveWordsFile),
        profile: draftProfileFromConfig(context.config.drafting),
      });
      if (values.json) {
        io.print(JSON.stringify(draft, null, 2));
        return;
      }
      if (draft.talkingPoint)
        io.print(
          `[经审核口径] 审核人：${draft.talkingPoint.approver ?? '未记录'}；有效期至：${draft.talkingPoint.expiresOn ?? '未设定'}`,
        );
      io.print(`${draft.refused ? '[依据不足，暂复]' : '[草稿，待审核]'}\n${draft.text}\n`);
      for (const source of draft.sources)
        io.print(`[${source.number}] ${source.citation}\n    ${source.quote.replace(/\n+/g, '\n    ')}\n`);
      if (draft.guidance) io.print(`办理指引为本单位配置的内容（${draft.guidance.topic ?? '通用'}），不是引用的依据。`);
      if (draft.routing && draft.refused) io.print(`建议转请：${draft.routing.department}（${draft.routing.topic}）`);
      if (draft.flags.length > 0) io.print(`审核提示：${[...new Set(draft.flags.map(describeFlag))].join('；')}`);
      if (draft.escalate)
        io.print(`需人工关注：\n${draft.escalationReasons.map((reason) => `  - ${reason}`).join('\n')}`);
    } finally {
      await context.close();
    }
  },
};
