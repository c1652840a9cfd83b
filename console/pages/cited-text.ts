import type { VersionSource } from '../../review/render-public-answer.ts';
import { escapeHtml, html, SafeHtml } from '../html.ts';

/** Draft text with each [n] turned into a link to source n's passage, highlighted in its document. */
export function citedText(
  text: string,
  sources: ReadonlyArray<Pick<VersionSource, 'number' | 'chunkId' | 'citation'>>,
): SafeHtml {
  const byNumber = new Map(sources.map((source) => [source.number, source]));
  const linked = escapeHtml(text).replace(/\[(\d+)\]/g, (marker, number: string) => {
    const source = byNumber.get(Number(number));
    return source
      ? `<a class="cite" href="/sources/${source.chunkId}#passage" title="${escapeHtml(source.citation)}">[${number}]</a>`
      : marker;
  });
  return new SafeHtml(linked.replace(/\n/g, '<br>'));
}

/** The numbered list of sources under a draft; `action` adds a control beside each (the case page's 移除). */
export function sourceList(
  sources: ReadonlyArray<VersionSource>,
  options: { action?: (source: VersionSource) => SafeHtml } = {},
): SafeHtml {
  if (sources.length === 0) return html`<p class="muted">无引用来源。</p>`;
  return html`<ol class="sources" id="source-list">${sources.map(
    (source) =>
      html`<li value="${source.number}" id="source-${source.number}"><a href="/sources/${source.chunkId}#passage">${source.citation}</a>${options.action?.(source) ?? ''}<br><span class="muted">${source.quote.slice(0, 160)}${source.quote.length > 160 ? '…' : ''}</span></li>`,
  )}</ol>`;
}
