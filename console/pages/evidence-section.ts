import { DOCUMENT_TYPES } from '../../ingest/document-metadata.ts';
import { inJurisdiction } from '../../ingest/extract-region.ts';
import { formatCitation } from '../../retrieval/format-citation.ts';
import type { SearchResult } from '../../retrieval/hybrid-search.ts';
import type { DraftVersion } from '../../review/read-cases.ts';
import { html, type SafeHtml } from '../html.ts';
import { STATUS_LABELS, TYPE_LABELS } from './document-labels.ts';

/** What the case page's knowledge-base search found, or why it could not search. */
export type EvidenceSearchResults = {
  fields: URLSearchParams;
  results?: SearchResult[];
  error?: string;
  /** The office's region (HUIYING_JURISDICTION): a passage outside it is labelled 其他地区. */
  jurisdiction?: ReadonlyArray<string>;
};

/**
 * The reviewer's evidence workbench beside the draft: search the knowledge base with the filters of `huiying search`,
 * each passage labelled with where it has force and whether it is valid, one click to open it in its document and one
 * to add it to the draft's sources (a new version); and 按所选依据重新起草 from the sources as they stand. Plain forms:
 * the search is a GET, every change a POST that redirects back.
 */
export function evidenceSection(options: {
  caseId: number;
  current: DraftVersion;
  csrf: SafeHtml;
  search: EvidenceSearchResults;
}): SafeHtml {
  const { caseId, current, csrf } = options;
  const redraft = html`<form method="post" action="/cases/${caseId}/decisions" class="inline">${csrf}${hidden('action', 'redraft')}${hidden('version', current.version)}<button type="submit" id="redraft">按所选依据重新起草</button></form>`;
  const redraftNote = html`<p class="muted">按所选依据重新起草：只用上方“引用来源”列出的依据（可先加入、移除）起草新版本，逐句核验后仍需另一位审核人批准。</p>`;
  return html`<h2 id="evidence">检索依据</h2><div class="card" id="evidence-workbench">${redraftNote}${current.sources.length > 0 ? redraft : ''}
${searchForm(caseId, options.search.fields)}
${options.search.error ? html`<p class="error" id="search-error">${options.search.error}</p>` : ''}
${options.search.results ? resultList({ ...options, results: options.search.results }) : ''}</div>`;
}

/** The 移除 button beside a source: a new version without it (refused while the text still cites it). */
export function removeSourceForm(options: {
  caseId: number;
  version: number;
  number: number;
  csrf: SafeHtml;
}): SafeHtml {
  return html` <form method="post" action="/cases/${options.caseId}/decisions" class="inline">${options.csrf}${hidden('action', 'remove-source')}${hidden('version', options.version)}${hidden('number', options.number)}<button type="submit" id="remove-source-${options.number}">移除</button></form>`;
}

function searchForm(caseId: number, fields: URLSearchParams): SafeHtml {
  const value = (name: string) => fields.get(name) ?? '';
  const types = DOCUMENT_TYPES.map(
    (type) =>
      html`<option value="${type}" ${fields.getAll('type').includes(type) ? 'selected' : ''}>${TYPE_LABELS[type]}</option>`,
  );
  const text = (name: string, label: string, placeholder: string) =>
    html`<input type="text" name="${name}" value="${value(name)}" placeholder="${placeholder}" aria-label="${label}">`;
  return html`<form method="get" action="/cases/${caseId}#evidence" class="actions" id="evidence-search">
<input type="text" name="q" value="${value('q')}" placeholder="检索知识库（与 huiying search 相同）" aria-label="检索词" size="40" required>
<select name="type" aria-label="文件类型"><option value="">全部类型</option>${types}</select>
${text('issuer', '发布机构', '发布机构')}${text('from', '发布日期起', '起 YYYY-MM-DD')}${text('to', '发布日期止', '止 YYYY-MM-DD')}${text('region', '地区', '地区 省/市/区县')}
<label><input type="checkbox" name="all" value="1" ${value('all') === '1' ? 'checked' : ''}> 含已失效、已被取代的版本</label>
<button type="submit" id="search-evidence">检索</button></form>`;
}

function resultList(options: {
  caseId: number;
  current: DraftVersion;
  csrf: SafeHtml;
  search: EvidenceSearchResults;
  results: SearchResult[];
}): SafeHtml {
  if (options.results.length === 0)
    return html`<p class="muted" id="search-results">没有找到相关段落：请换用其他词语，或放宽筛选条件。</p>`;
  const listed = new Map(options.current.sources.map((source) => [source.chunkId, source.number]));
  // The search comes back after a passage is added, so several can be added in a row.
  const back = [...options.search.fields].map(([name, value]) => hidden(`search_${name}`, value));
  const items = options.results.map((result) => {
    const number = listed.get(result.chunkId);
    const add =
      number !== undefined
        ? html`<span class="muted">已是依据 [${number}]</span>`
        : html`<form method="post" action="/cases/${options.caseId}/decisions" class="inline">${options.csrf}${hidden('action', 'add-source')}${hidden('version', options.current.version)}${hidden('chunk_id', result.chunkId)}${back}<button type="submit" id="add-source-${result.chunkId}">添加为依据</button></form>`;
    const content = result.content.length > 200 ? `${result.content.slice(0, 200)}…` : result.content;
    return html`<li><a href="/sources/${result.chunkId}#passage" target="_blank">${formatCitation(result)}</a> ${labels(result, options.search.jurisdiction)} ${add}<br><span class="muted">${content}</span></li>`;
  });
  return html`<ol class="sources" id="search-results">${items}</ol>`;
}

// Where the passage has force and whether it is valid, as `huiying search` marks them.
function labels(result: SearchResult, jurisdiction: ReadonlyArray<string> | undefined): SafeHtml {
  const { region, validity, status } = result.document;
  const where = region.length === 0 ? '全国' : region.join('');
  const elsewhere = jurisdiction && !inJurisdiction(region, jurisdiction) ? '（其他地区）' : '';
  const current = status === 'current' ? '' : `，${STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status}`;
  const valid = validity === '有效' && status === 'current';
  return html`<span class="label${elsewhere ? ' warn' : ''}">${where}${elsewhere}</span> <span class="label${valid ? '' : ' warn'}">${validity}${current}</span>`;
}

function hidden(name: string, value: string | number): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}
