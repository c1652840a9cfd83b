import type { SearchResult } from './hybrid-search.ts';

/** A citation as an office writes it: 《title》（文号）第X条, with the validity when it is not 有效. */
export function formatCitation(result: Pick<SearchResult, 'document' | 'articleLabel' | 'headingPath'>): string {
  const number = result.document.documentNumber ? `（${result.document.documentNumber}）` : '';
  const place = result.articleLabel ?? result.headingPath[result.headingPath.length - 1] ?? '';
  const validity = result.document.status === 'current' && result.document.validity === '有效' ? '' : ` [${result.document.status === 'current' ? result.document.validity : result.document.status}]`;
  // A title that quotes another title nests the inner quotes as 〈〉, as official documents do.
  const title = result.document.title.replace(/《/g, '〈').replace(/》/g, '〉');
  return `《${title}》${number}${place}${validity}`;
}
