import { isHuiyingError } from '../config/huiying-error.ts';
import { decideAsIdentity } from '../review/decide-as-identity.ts';
import type { Decision } from '../review/decision.ts';
import type { ReviewContext } from '../review/review-context.ts';

/** The decisions that need words from the reviewer, and how a chat surface asks for them (a modal's title and field). */
export const DECISION_FORMS: Record<'edit' | 'reject' | 'escalate', { title: string; label: string; long: boolean }> = {
  edit: { title: '修改草稿', label: '草稿文本（保留 [1] 等引用编号）', long: true },
  reject: { title: '退回', label: '退回理由', long: false },
  escalate: { title: '上报', label: '上报理由', long: false },
};

/**
 * Runs a decision a chat user made and says, in words for the chat, what happened: done (kicking delivery after an
 * approval), refused with the reason, or failed with a pointer to the console. It never throws; `done` tells which.
 */
export async function decideFromChat(options: {
  context: ReviewContext;
  surface: 'slack' | 'discord';
  externalId: string;
  caseId: number;
  decision: Decision;
  /** How the surface says where the approved answer will appear. */
  approvedText: string;
  kick: (job: 'deliver') => void;
  log: (line: string) => void;
}): Promise<{ done: boolean; text: string }> {
  const { caseId, decision } = options;
  try {
    const outcome = await decideAsIdentity(options.context, {
      surface: options.surface,
      externalId: options.externalId,
      caseId,
      decision,
    });
    if (decision.action === 'approve') options.kick('deliver');
    const done = {
      approve: options.approvedText,
      edit: `已保存为第 ${outcome.version} 版，等待审核`,
      redraft: `已按所选依据重新起草为第 ${outcome.version} 版，等待审核`,
      'adopt-answer': `已以相似答复为基础保存为第 ${outcome.version} 版，等待审核`,
      reject: '已退回修改',
      escalate: '已上报',
      reassign: '已转办',
      reclassify: '已调整级别',
    }[decision.action];
    return {
      done: true,
      text: `${done}（案件 #${caseId}）。${outcome.warnings.length > 0 ? `请注意：${outcome.warnings.join('；')}` : ''}`,
    };
  } catch (error) {
    if (isHuiyingError(error) && (error.code === 'decision-refused' || error.code === 'case-not-found'))
      return { done: false, text: `操作未执行（案件 #${caseId}）：${error.message}` };
    options.log(`[${options.surface}] decision on case ${caseId} failed: ${(error as Error).message}`);
    return { done: false, text: `操作失败（案件 #${caseId}），请稍后重试或在网页控制台处理。` };
  }
}
