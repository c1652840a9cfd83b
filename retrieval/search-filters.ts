import type { DocumentType } from '../ingest/document-metadata.ts';

/** Which documents a search may return. By default only current, valid documents. */
export type SearchFilters = {
  /** Also return superseded, withdrawn, expired (失效) and repealed (废止) documents. @default false */
  includeInvalid?: boolean;
  types?: ReadonlyArray<DocumentType>;
  /** Substring of the issuing body (发布机构/发文机关). */
  issuer?: string;
  /** Earliest publication (or writing) date, YYYY-MM-DD, inclusive. */
  from?: string;
  /** Latest publication (or writing) date, YYYY-MM-DD, inclusive. */
  to?: string;
  /** The day validity is judged on (talking points past their expiry are left out). @default today */
  asOf?: string;
  /**
   * The office's region, highest level first (['浙江省', '杭州市', '建德市']): only national documents and those of this
   * region and its parents are returned. @default every region
   */
  jurisdiction?: ReadonlyArray<string>;
};

/** SQL conditions on `documents d` for the filters, with parameters numbered after `firstParameter - 1` existing ones. */
export function filterConditions(filters: SearchFilters, firstParameter: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${firstParameter + params.length - 1}`;
  };
  if (!filters.includeInvalid) {
    conditions.push(`d.status = 'current' AND d.validity IN ('有效', '尚未生效')`);
    conditions.push(
      `(d.expires_on IS NULL OR d.expires_on >= ${next(filters.asOf ?? new Date().toISOString().slice(0, 10))}::date)`,
    );
  }
  if (filters.types && filters.types.length > 0)
    conditions.push(`d.doc_type = ANY(${next([...filters.types])}::text[])`);
  if (filters.issuer) conditions.push(`d.issuer LIKE '%' || ${next(filters.issuer)} || '%'`);
  if (filters.from) conditions.push(`COALESCE(d.published_date, d.written_date) >= ${next(filters.from)}::date`);
  // A document's places must all lie on the office's chain; '{}' (national) always does. NULL: region not yet read.
  if (filters.jurisdiction) conditions.push(`d.region <@ ${next([...filters.jurisdiction])}::text[]`);
  if (filters.to) conditions.push(`COALESCE(d.published_date, d.written_date) <= ${next(filters.to)}::date`);
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE', params };
}
