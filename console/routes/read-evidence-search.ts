import { DOCUMENT_TYPES, type DocumentType } from '../../ingest/document-metadata.ts';
import { parseRegionPath } from '../../ingest/extract-region.ts';
import type { SearchFilters } from '../../retrieval/search-filters.ts';

/** The fields of the case page's knowledge-base search, as the form sends them (all optional but the query). */
export const SEARCH_FIELDS = ['q', 'type', 'issuer', 'from', 'to', 'all', 'region'] as const;

export type EvidenceSearch = {
  query: string;
  filters: SearchFilters;
  /** The fields as given, to fill the form again and to come back to the same results after adding a passage. */
  fields: URLSearchParams;
};

const RESULTS = 10;
const MAXIMUM_QUERY = 500;

/**
 * The search a case page asks for (`?q=…` and the filters of `huiying search`): undefined without a query, an error
 * in Chinese for a malformed filter, else the query and filters.
 */
export function readEvidenceSearch(params: URLSearchParams): {
  search?: EvidenceSearch;
  error?: string;
  limit: number;
} {
  const fields = new URLSearchParams();
  for (const name of SEARCH_FIELDS)
    for (const value of params.getAll(name)) if (value !== '') fields.append(name, value);
  const query = (fields.get('q') ?? '').trim();
  if (!query) return { limit: RESULTS };
  if (query.length > MAXIMUM_QUERY)
    return { limit: RESULTS, error: `检索词最长 ${MAXIMUM_QUERY} 个字（现有 ${query.length} 个），请缩短后重试。` };
  const types = fields.getAll('type');
  const unknown = types.find((type) => !(DOCUMENT_TYPES as ReadonlyArray<string>).includes(type));
  if (unknown) return { limit: RESULTS, error: `未知的文件类型“${unknown}”。` };
  for (const key of ['from', 'to'] as const) {
    const value = fields.get(key);
    if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      return { limit: RESULTS, error: `日期“${value}”格式不对，请写作 YYYY-MM-DD（例如 2024-03-01）。` };
  }
  const region = fields.get('region');
  const jurisdiction = region === null ? undefined : parseRegionPath(region);
  if (region !== null && !jurisdiction)
    return { limit: RESULTS, error: `地区“${region}”无法识别，请写作 省/市/区县（例如 浙江省/杭州市）。` };
  return {
    limit: RESULTS,
    search: {
      query,
      fields,
      filters: {
        jurisdiction,
        includeInvalid: fields.get('all') === '1',
        types: types as DocumentType[],
        issuer: fields.get('issuer') ?? undefined,
        from: fields.get('from') ?? undefined,
        to: fields.get('to') ?? undefined,
      },
    },
  };
}

/** The search fields of a submitted form (hidden in an 添加为依据 form), as a query string to redirect back with. */
export function searchQueryString(form: URLSearchParams): string {
  const fields = new URLSearchParams();
  for (const name of SEARCH_FIELDS)
    for (const value of form.getAll(`search_${name}`)) if (value !== '') fields.append(name, value.slice(0, 500));
  return fields.toString();
}
