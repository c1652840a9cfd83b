import { describeFlag } from '../../drafting/flag-contacts.ts';
import type { DraftVersion } from '../../review/read-cases.ts';
import { html, type SafeHtml } from '../html.ts';
import { citedText, sourceList } from './cited-text.ts';

/** The current draft for its reviewer: what verification found, the cited text, the diff from the last version. */
export function draftSection(current: DraftVersion): SafeHtml {
  const warnings = [
    ...current.verification.removed.map((sentence) => `“${sentence.text}”：${sentence.reason}`),
    ...current.verification.strippedContacts.map((contact) => `${contact} 不见于引用来源`),
  ];
  const flagged = [...new Set(current.flags.map(describeFlag))];
  return html`<h2>草稿（第 ${current.version} 版，${current.drafter}）</h2>
${current.refused ? html`<p class="error">未找到能够支持答复的公开政策依据，建议转办或上报。</p>` : ''}
${warnings.length > 0 ? html`<div class="error"><p>以下内容未获引用来源支持，请核对：</p>${list(warnings)}</div>` : ''}
${flagged.length > 0 ? html`<p class="error">审核提示：${flagged.join('；')}</p>` : ''}
${current.escalationReasons.length > 0 ? attention(current.escalationReasons) : ''}
<div class="card" id="draft">${citedText(current.text, current.sources)}</div>
${current.diff ? diffSection(current.version, current.diff) : ''}
<h3>引用来源</h3>${sourceList(current.sources)}`;
}

function attention(reasons: ReadonlyArray<string>): SafeHtml {
  return html`<details><summary>需人工关注（${reasons.length}）</summary>${list(reasons)}</details>`;
}

function list(items: ReadonlyArray<string>): SafeHtml {
  return html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

function diffSection(version: number, diff: NonNullable<DraftVersion['diff']>): SafeHtml {
  const parts = diff.map((part) =>
    part.kind === 'added'
      ? html`<ins>${part.text}</ins>`
      : part.kind === 'removed'
        ? html`<del>${part.text}</del>`
        : html`<span>${part.text}</span>`,
  );
  const summary = html`<summary>与第 ${version - 1} 版的差异</summary>`;
  return html`<details open>${summary}<div class="card" id="diff">${parts}</div></details>`;
}
