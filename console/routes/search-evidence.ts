import { hybridSearch } from '../../retrieval/hybrid-search.ts';
import type { ReviewContext } from '../../review/review-context.ts';
import type { EvidenceSearchResults } from '../pages/evidence-section.ts';
import { readEvidenceSearch } from './read-evidence-search.ts';

/**
 * Runs the case page's knowledge-base search, the hybrid search `huiying search` runs with the same filters; the
 * office's jurisdiction labels passages outside it. No query, no search; a malformed filter is a message, not a 500.
 */
export async function searchEvidence(context: ReviewContext, params: URLSearchParams): Promise<EvidenceSearchResults> {
  const { search, error, limit } = readEvidenceSearch(params);
  const jurisdiction = context.draftProfile?.jurisdiction;
  if (!search) return { fields: new URLSearchParams(params), error, jurisdiction };
  const results = await hybridSearch({
    database: context.database,
    embedder: context.embedder,
    query: search.query,
    limit,
    filters: search.filters,
  });
  return { fields: search.fields, results, jurisdiction };
}
