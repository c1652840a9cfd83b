import { roleAllows, type Action, type Role } from '../../review/accounts/roles.ts';
import type { CaseSummary, DraftVersion } from '../../review/read-cases.ts';
import { SEVERITIES } from '../../triage/triage-rules.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The decisions the reviewer's role allows on an open case's current draft: approve (naming its version and text
 * hash), reject, escalate, reassign, reclassify, and the edit form. An approved case can still be reassigned,
 * reclassified or edited (which voids the approval).
 */
export function caseDecisions(options: {
  found: CaseSummary;
  current: DraftVersion;
  role: Role;
  /** Whether this reviewer may change the case's text (role and unit: mayChangeCaseText). */
  canEdit: boolean;
  csrf: SafeHtml;
  /** The text of an edit that was refused, to correct and save again instead of typing it again. */
  editText?: string;
}): SafeHtml {
  const { found, current } = options;
  const can = (action: Action) => roleAllows(options.role, action);
  const pending = found.status !== 'approved';
  const form = (action: string, fields: SafeHtml, className?: string) =>
    decisionForm({ caseId: found.id, csrf: options.csrf, action, fields, className });
  const severities = SEVERITIES.map(
    (severity) => html`<option ${severity === found.severity ? 'selected' : ''}>${severity}</option>`,
  );
  const version = hidden('version', current.version);
  const approveButton = submit(`批准发布第 ${current.version} 版`, { id: 'approve', kind: 'primary' });
  const hash = html`<span class="muted">文本哈希 ${current.textHash.slice(0, 12)}…（批准的是这一版的确切文本）</span>`;
  const approve = html`${version}${hidden('text_hash', current.textHash)}${approveButton}${hash}`;
  const kept =
    options.editText === undefined
      ? ''
      : html`<p class="error">您提交的修改未保存（原因见页首），已保留在下方编辑框中，请对照当前第 ${current.version} 版核对后再保存。</p>`;
  const editNote = html`<p class="muted">句末用 [1] 等编号引用“引用来源”中的任一依据（检索加入的依据也可引用）；保存后每句重新与所引依据核对。</p>`;
  const box = editBox(options.editText ?? current.text);
  const edit = html`${version}${kept}${editNote}${box}${submit('保存为新版本', { id: 'save-edit', kind: 'primary' })}`;
  const severity = html`<select name="severity" aria-label="级别">${severities}</select>`;
  return html`<h2>审核操作</h2><div class="actions">
  ${can('approve') && pending ? form('approve', approve, 'action-approve') : ''}
  ${can('reject') && pending ? form('reject', html`${required('reason', '退回理由')}${submit('退回', { kind: 'danger' })}`) : ''}
  ${can('escalate') && pending ? form('escalate', html`${required('reason', '上报理由')}${submit('上报')}`) : ''}
  ${can('reassign') ? form('reassign', html`${required('unit', '转办单位')}${submit('转办')}`) : ''}
  ${can('reclassify') ? form('reclassify', html`${severity}${submit('调整级别')}`) : ''}
</div>
${options.canEdit ? html`<h2>修改草稿</h2>${form('edit', edit, 'card edit')}` : ''}`;
}

function hidden(name: string, value: string | number): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

// A reason or a unit: the decision is refused without it, so the browser asks for it first.
function required(name: string, label: string): SafeHtml {
  return html`<input type="text" name="${name}" placeholder="${label}" aria-label="${label}" required>`;
}

// A form's one main action is `primary`; one that sends a draft back or takes something away is `danger`.
function submit(label: string, options: { id?: string; kind?: 'primary' | 'danger' } = {}): SafeHtml {
  const id = options.id ? html` id="${options.id}"` : '';
  const kind = options.kind ? html` class="${options.kind}"` : '';
  return html`<button type="submit"${id}${kind}>${label}</button>`;
}

// No whitespace inside the textarea: it would become part of the edited text.
function editBox(text: string): SafeHtml {
  return html`<textarea name="text" id="edit-text" aria-label="草稿文本">${text}</textarea>`;
}

/** A form that posts one decision on a case: its `action`, the fields that action needs, and the CSRF token. */
function decisionForm(options: {
  caseId: number;
  csrf: SafeHtml;
  action: string;
  fields: SafeHtml;
  className?: string;
}): SafeHtml {
  const className = options.className ? html` class="${options.className}"` : '';
  const fields = html`${options.csrf}${hidden('action', options.action)}${options.fields}`;
  return html`<form method="post" action="/cases/${options.caseId}/decisions"${className}>${fields}</form>`;
}
