import type { Passage } from '../../retrieval/passage-queries.ts';
import { html, type SafeHtml } from '../html.ts';
import { sourceLabel } from './source-label.ts';

/** A cited passage shown highlighted in the whole document it comes from. */
export function sourcePage(passage: Passage, options: { ingestedFolder?: string } = {}): SafeHtml {
  return html`<p>${passage.citation}${passage.status !== 'current' ? html` <strong class="error">（非现行版本）</strong>` : ''}</p>
<p class="muted">来源：${sourceLabel(passage, options.ingestedFolder)}</p>
<div class="document">${passage.body.slice(0, passage.start)}<mark id="passage">${passage.body.slice(passage.start, passage.end)}</mark>${passage.body.slice(passage.end)}</div>`;
}
