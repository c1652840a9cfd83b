import { describeFlag } from '../../drafting/flag-contacts.ts';
import type { DraftVersion } from '../../review/read-cases.ts';
import { drafterInChinese, reasonInChinese } from '../../review/reason-in-chinese.ts';
import { html, type SafeHtml } from '../html.ts';
import { describeEvidenceChanges } from '../../review/evidence-changes.ts';
import type { VersionSource } from '../../review/render-public-answer.ts';
import { citedText, sourceList } from './cited-text.ts';

/**
 * The current draft for its reviewer: what verification found, the cited text, the diff from the last version, what
 * changed in its sources, and the sources (each with `sourceAction`, the case page's 移除, when the reviewer may edit).
 */
export function draftSection(
  current: DraftVersion,
  options: { sourceAction?: (source: VersionSource) => SafeHtml } = {},
): SafeHtml {
  const warnings = [
    ...current.verification.removed.map((sentence) => `“${sentence.text}”：${reasonInChinese(sentence.reason)}`),
    ...current.verification.strippedContacts.map((contact) => `${contact} 不见于引用来源`),
  ];
  const flagged = [...new Set(current.flags.map(describeFlag))];
  return html`<h2>草稿（第 ${current.version} 版，${drafterInChinese(current.drafter)}）</h2>
${current.refused ? html`<p class="error">检索到的依据不足以答复，草稿为暂复（告知群众正在核实）；需转办的，请改派或上报后再修改答复。</p>` : ''}
${warnings.length > 0 ? html`<div class="error"><p>以下内容未获引用来源支持，请核对：</p>${list(warnings)}</div>` : ''}
${flagged.length > 0 ? html`<p class="error">审核提示：${flagged.join('；')}</p>` : ''}
${current.escalationReasons.length > 0 ? attention(current.escalationReasons.map(reasonInChinese)) : ''}
<div class="card" id="draft">${citedText(current.text, current.sources)}</div>
${current.diff ? diffSection(current.version, current.diff) : ''}
${evidenceChanges(current)}${configuredLines(current)}<h3>引用来源</h3>${sourceList(current.sources, { action: options.sourceAction })}`;
}

// The office's configured lines (办理指引, 落款) are its own words, not sources: the reviewer is told so.
function configuredLines(current: DraftVersion): SafeHtml | string {
  const guidance = current.sentences.filter((sentence) => sentence.role === 'guidance');
  if (guidance.length === 0) return '';
  return html`<p class="note">办理指引为本单位配置的内容（HUIYING_GUIDANCE_FILE），不是引用的依据：${guidance.map((sentence) => sentence.text).join(' ')}</p>`;
}

// The approver sees at a glance which sources the editor added or removed, and the past answer it started from.
function evidenceChanges(current: DraftVersion): SafeHtml | string {
  const changes = current.evidenceChanges;
  if (!changes) return '';
  const summary = describeEvidenceChanges(changes);
  const past = changes.basedOnAnswer
    ? changes.basedOnAnswer.caseId !== null
      ? html`以第 <a href="/cases/${changes.basedOnAnswer.caseId}">${changes.basedOnAnswer.caseId}</a> 号案件的已发布答复为基础修改。`
      : html`以问答库中的已发布答复为基础修改。`
    : '';
  return html`<p class="note" id="evidence-changes">本版依据变更：${summary || '无'}${summary ? '。' : ''}${past}</p>`;
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
