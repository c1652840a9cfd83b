import type { Passage } from '../../retrieval/passage-queries.ts';
import { html, type SafeHtml } from '../html.ts';

/** A cited passage shown highlighted in the whole document it comes from. */
export function sourcePage(passage: Passage): SafeHtml {
  return html`<p>${passage.citation}${passage.status !== 'current' ? html` <strong class="error">（非现行版本）</strong>` : ''}</p>
<p class="muted">来源：${passage.sourceUri}</p>
<div class="document">${passage.body.slice(0, passage.start)}<mark id="passage">${passage.body.slice(passage.start, passage.end)}</mark>${passage.body.slice(passage.end)}</div>`;
}
