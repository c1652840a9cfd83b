import type { SimilarAnswer } from '../../retrieval/closest-approved-answer.ts';
import type { DraftVersion } from '../../review/read-cases.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The closest approved past answer the drafter found (question bank), for comparison. A reviewer who may edit can
 * start a new version from it: it is checked against this case's sources and needs another approval like any edit.
 */
export function similarAnswerSection(options: {
  similar: SimilarAnswer | null;
  caseId: number;
  /** The current version, when the reviewer may edit it. */
  editable?: DraftVersion;
  csrf: SafeHtml;
}): SafeHtml | '' {
  const { similar, editable } = options;
  if (!similar) return '';
  const posted = similar.postedAt.slice(0, 10);
  const origin =
    similar.caseId !== null
      ? html`与第 <a href="/cases/${similar.caseId}">${similar.caseId}</a> 号案件（已发布 ${posted}）相似`
      : html`与导入的问答（${similar.source ?? ''}，${posted}）相似`;
  const note = html`<p class="muted">${origin}，相似度 ${similar.similarity.toFixed(2)}。仅供参考：未经本案重新审核批准，不会发布。</p>`;
  const past = html`<p class="muted">原问题：${similar.question}</p><p class="answer-text">${similar.answer}</p>`;
  return html`<h2>相似的已发布答复</h2><div class="card" id="similar-answer">${note}${past}${
    editable
      ? startForm({ caseId: options.caseId, version: editable.version, answer: similar.answer, csrf: options.csrf })
      : ''
  }</div>`;
}

function startForm(options: { caseId: number; version: number; answer: string; csrf: SafeHtml }): SafeHtml {
  const note = html`<p class="muted">原答复的引用编号对应其自身的来源，已去除；请按本案的引用来源补上 [1] 等编号，保存后逐句核对。</p>`;
  const fields = html`${options.csrf}<input type="hidden" name="action" value="edit"><input type="hidden" name="version" value="${options.version}">`;
  const text = html`<textarea name="text" id="similar-answer-text" aria-label="以相似答复为起点">${startingText(options.answer)}</textarea>`;
  const button = html`<button type="submit" id="start-from-similar">以此为起点保存为新版本</button>`;
  return html`<form method="post" action="/cases/${options.caseId}/decisions">${fields}${note}${text}${button}</form>`;
}

// A past answer's text without its own source list and numbers, which refer to that case's sources, not this one's.
function startingText(answer: string): string {
  return answer
    .replace(/\n+依据：[\s\S]*$/, '')
    .replace(/\[\d+\]/g, '')
    .trim();
}

/** For an approver on a posted case: correct it (back to revision) or withdraw it, each with a reason on record. */
export function postedAnswerActions(caseId: number, csrf: SafeHtml): SafeHtml {
  const form = (step: 'correct' | 'withdraw', label: string) =>
    html`<form method="post" action="/cases/${caseId}/${step}-answer">${csrf}<input type="text" name="reason" placeholder="${label}理由" aria-label="${label}理由" required><button type="submit">${label}</button></form>`;
  return html`<h2>已发布答复</h2><div class="actions">${form('correct', '更正')}${form('withdraw', '撤回')}</div>`;
}
