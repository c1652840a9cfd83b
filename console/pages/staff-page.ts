import type { DraftVersion } from '../../review/read-cases.ts';
import { html, type SafeHtml } from '../html.ts';
import { citedText, sourceList } from './cited-text.ts';

/** Staff ask a policy question and get a cited answer at once: internal, not reviewed, never sent anywhere. */
export function staffPage(options: {
  csrfToken: string;
  question?: string;
  answer?: DraftVersion;
  caseId?: number;
}): SafeHtml {
  const { answer } = options;
  return html`<p class="internal">内部参考 · 未经审核 · 不得直接对外发布</p>
<form method="post" action="/staff" class="card">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <p><label for="question">政策问题</label><br><textarea id="question" name="question" required maxlength="4000">${options.question ?? ''}</textarea></p>
  <button type="submit" class="primary">检索并作答</button>
</form>
${
  answer
    ? html`<section class="card" id="staff-answer">
  <p class="internal">内部参考答复${answer.refused ? '（未找到依据）' : ''}</p>
  <p>${citedText(answer.text, answer.sources)}</p>
  <h2>来源</h2>${sourceList(answer.sources)}
  <p class="muted">已记录为内部咨询 #${options.caseId}。</p>
</section>`
    : ''
}`;
}
