import { ROLE_LABELS } from '../../review/accounts/roles.ts';
import type { CasePeople, CasePerson } from '../../review/case-people.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

const ACTS: Record<CasePerson['acts'][number]['act'], string> = {
  edited: '修改',
  approved: '批准',
  reassigned: '转办',
};

/** 经手人: each account that edited, approved or reassigned the case, who created it and when, and any concern. */
export function casePeopleSection(casePeople: CasePeople): SafeHtml {
  if (casePeople.people.length === 0) return html``;
  const rows = casePeople.people.map((person) => {
    const acts = person.acts.map(({ act, version }) => `${ACTS[act]}${version === null ? '' : `第${version}版`}`);
    const account = `${person.displayName}（${person.username}，#${person.accountId}，${ROLE_LABELS[person.role]}${person.unit ? `，${person.unit}` : ''}${person.disabled ? '，已停用' : ''}）`;
    const created = `${formatChinaTime(person.createdAt)} 由 ${person.createdBy ?? '（未记录）'} 创建`;
    return html`<tr><td>${account}</td><td>${acts.join('、')}</td><td class="muted">${created}</td></tr>`;
  });
  const concerns = casePeople.concerns.map((concern) => html`<li>${concern}</li>`);
  return html`<h2>经手人</h2>
${casePeople.concerns.length > 0 ? html`<div class="error" id="people-concerns"><ul>${concerns}</ul></div>` : ''}
<table id="people"><thead><tr><th>账号</th><th>本案操作</th><th>账号来源</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}
