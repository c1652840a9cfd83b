import type { DocumentSummary } from '../../ingest/document-queries.ts';
import type { DocumentType } from '../../ingest/document-metadata.ts';
import { html, type SafeHtml } from '../html.ts';
import { STATUS_LABELS, TYPE_LABELS } from './document-labels.ts';
import { sourceLabel } from './source-label.ts';

const typeLabel = (type: string) => TYPE_LABELS[type as DocumentType] ?? type;

/** The knowledge base as staff see it: what answers can cite, with 文号, dates, 有效性 and versions. */
export function documentsPage(options: { documents: DocumentSummary[]; all: boolean }): SafeHtml {
  const toggle = options.all
    ? html`<a href="/documents">只看现行文件</a>`
    : html`<a href="/documents?all=1">含历史版本和已撤下的文件</a>`;
  if (options.documents.length === 0)
    return html`<p>知识库中还没有文件。用 <code>huiying ingest &lt;文件夹&gt;</code> 导入。</p>`;
  return html`<p class="muted">${options.documents.length} 份文件 · ${toggle}。答复只引用现行、有效的文件。</p>
<table id="documents"><thead><tr><th>标题</th><th>类型</th><th>文号</th><th>发布机构</th><th>发布日期</th><th>有效性</th><th>版本</th><th>段落</th></tr></thead><tbody>
${options.documents.map(
  (document) =>
    html`<tr><td><a href="/documents/${document.id}">${document.title}</a>${document.status === 'current' ? '' : html` <span class="muted">（${STATUS_LABELS[document.status]}）</span>`}</td><td class="nowrap">${typeLabel(document.docType)}</td><td class="nowrap">${document.documentNumber ?? ''}</td><td>${document.issuer ?? ''}</td><td class="nowrap">${document.publishedDate ?? ''}</td><td class="nowrap">${document.validity}</td><td class="nowrap">${document.version}</td><td class="nowrap">${document.chunks}</td></tr>`,
)}
</tbody></table>`;
}

/** One document version: its metadata, its versions, and its text as stored (the text citations point into). */
export function documentPage(options: {
  document: DocumentSummary;
  body: string;
  versions: DocumentSummary[];
  /** The folder files were ingested from: sources are shown relative to it. */
  ingestedFolder?: string;
}): SafeHtml {
  const { document } = options;
  const row = (label: string, value: string | number | null) =>
    value === null || value === '' ? '' : html`<tr><th>${label}</th><td>${value}</td></tr>`;
  return html`<table class="card" id="document-metadata">
${row('类型', typeLabel(document.docType))}${row('文号', document.documentNumber)}${row('索引号', document.indexNumber)}${row('发布机构', document.issuer)}
${row('发布日期', document.publishedDate)}${row('有效性', document.validity)}${row('主题分类', document.topic)}${row('解读的政策', document.interprets)}
${row('口径有效期至', document.expiresOn)}${row('状态', STATUS_LABELS[document.status])}${document.supersededBy === null ? '' : html`<tr><th>取代它的文件</th><td><a href="/documents/${document.supersededBy}">查看现行版本</a></td></tr>`}${row('版本', document.version)}<tr><th>来源</th><td id="document-source">${sourceLabel(document, options.ingestedFolder)}</td></tr>
</table>
${
  options.versions.length > 1
    ? html`<h2>各版本</h2><ul id="versions">${options.versions.map((version) => html`<li>${version.id === document.id ? html`<strong>第 ${version.version} 版</strong>` : html`<a href="/documents/${version.id}">第 ${version.version} 版</a>`}（${STATUS_LABELS[version.status]}，${version.validity}）</li>`)}</ul>`
    : ''
}
<h2>全文</h2>
<div class="document">${options.body}</div>`;
}
