import type { SearchResult } from './hybrid-search.ts';

// A passage from a document that is no longer in force is cited only with a label saying so.
const STATUS_LABELS: Record<string, string> = {
  superseded: '（已被新版本取代，非现行有效版本）',
  withdrawn: '（已撤回）',
};
const VALIDITY_LABELS: Record<string, string> = {
  失效: '（已失效）',
  废止: '（已废止）',
  已修订: '（已修订）',
  尚未生效: '（尚未生效）',
};

/**
 * A citation as an office writes it: 《title》（文号）第X条, with the validity when it is not 有效, and for a local
 * document its region when the title does not already name it (《潍坊市物业管理条例》（山东省潍坊市）第十条).
 */
export function formatCitation(result: Pick<SearchResult, 'document' | 'articleLabel' | 'headingPath'>): string {
  const number = result.document.documentNumber ? `（${result.document.documentNumber}）` : '';
  const place = result.articleLabel ?? result.headingPath[result.headingPath.length - 1] ?? '';
  const validity = STATUS_LABELS[result.document.status] ?? VALIDITY_LABELS[result.document.validity] ?? '';
  // A title that quotes another title nests the inner quotes as 〈〉, as official documents do.
  const title = result.document.title.replace(/《/g, '〈').replace(/》/g, '〉');
  return `《${title}》${number}${regionLabel(result.document)}${place}${validity}`;
}

/** The region a local document has force in, written out (山东省潍坊市); '' for a national document. */
export function regionName(document: { region?: ReadonlyArray<string> | null }): string {
  return (document.region ?? []).join('');
}

function regionLabel(document: { title: string; region?: ReadonlyArray<string> | null }): string {
  const name = regionName(document);
  return name === '' || document.title.includes(name) ? '' : `（${name}）`;
}
