import type { SimilarAnswer } from '../../retrieval/closest-approved-answer.ts';
import type { DraftVersion } from '../../review/read-cases.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The closest already-posted answers to similar questions (the question bank), with their cases and dates. A
 * reviewer who may edit can start a new version from one (以此为基础修改): it comes in with its sources, mapped to
 * the current passages, is verified against them and needs another person's approval like any edit.
 */
export function similarAnswerSection(options: {
  similar: ReadonlyArray<SimilarAnswer>;
  caseId: number;
  /** The current version, when the reviewer may edit it. */
  editable?: DraftVersion;
  csrf: SafeHtml;
}): SafeHtml | '' {
  const { similar, editable } = options;
  if (similar.length === 0) return '';
  const items = similar.map((answer) => {
    const posted = answer.postedAt.slice(0, 10);
    const origin =
      answer.caseId !== null
        ? html`与第 <a href="/cases/${answer.caseId}">${answer.caseId}</a> 号案件（已发布 ${posted}）相似`
        : html`与导入的问答（${answer.source ?? ''}，${posted}）相似`;
    const note = html`<p class="muted">${origin}，相似度 ${answer.similarity.toFixed(2)}。仅供参考：未经本案重新审核批准，不会发布。</p>`;
    const past = html`<p class="muted">原问题：${answer.question}</p><p class="answer-text">${answer.answer}</p>`;
    const adopt = editable
      ? adoptForm({ caseId: options.caseId, version: editable.version, entryId: answer.entryId, csrf: options.csrf })
      : '';
    return html`<div class="card similar-answer" id="similar-answer-${answer.entryId}">${note}${past}${adopt}</div>`;
  });
  return html`<h2>相似的已发布答复</h2>${items}`;
}

function adoptForm(options: { caseId: number; version: number; entryId: number; csrf: SafeHtml }): SafeHtml {
  const note = html`<p class="muted">以此为基础修改：复制该答复及其依据为本案的新版本（依据编号改为本案的编号），逐句核验后需另一位审核人批准。</p>`;
  const fields = html`${options.csrf}<input type="hidden" name="action" value="adopt-answer"><input type="hidden" name="version" value="${options.version}"><input type="hidden" name="entry_id" value="${options.entryId}">`;
  const button = html`<button type="submit" id="adopt-answer-${options.entryId}">以此为基础修改</button>`;
  return html`<form method="post" action="/cases/${options.caseId}/decisions">${fields}${note}${button}</form>`;
}

/** For an approver on a posted case: correct it (back to revision) or withdraw it, each with a reason on record. */
export function postedAnswerActions(caseId: number, csrf: SafeHtml): SafeHtml {
  const form = (step: 'correct' | 'withdraw', label: string) =>
    html`<form method="post" action="/cases/${caseId}/${step}-answer">${csrf}<input type="text" name="reason" placeholder="${label}理由" aria-label="${label}理由" required><button type="submit">${label}</button></form>`;
  return html`<h2>已发布答复</h2><div class="actions">${form('correct', '更正')}${form('withdraw', '撤回')}</div>`;
}
