-- nearest_chunks (0009) learns the jurisdiction filter of 0008: with `jurisdiction` set (the office's region, highest
-- level first) only national documents and those of that region and its parents are returned, the same rule as
-- retrieval/search-filters.ts (a document whose region is not yet read, NULL, is left out as there).
CREATE OR REPLACE FUNCTION nearest_chunks(query text, dimensions integer, neighbours integer, filters jsonb)
RETURNS TABLE (id bigint, distance float8) LANGUAGE plpgsql AS $function$
BEGIN
  PERFORM set_config('hnsw.ef_search', GREATEST(40, LEAST(1000, neighbours))::text, true);
  PERFORM set_config('hnsw.iterative_scan', 'relaxed_order', true);
  RETURN QUERY EXECUTE format(
    'SELECT c.id, (c.embedding::vector(%1$s) <=> $1::vector(%1$s))::float8
     FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE (($3->>''includeInvalid'')::boolean IS TRUE
            OR (d.status = ''current'' AND d.validity IN (''有效'', ''尚未生效'')
                AND (d.expires_on IS NULL OR d.expires_on >= ($3->>''asOf'')::date)))
       AND ($3->''types'' IS NULL OR d.doc_type IN (SELECT jsonb_array_elements_text($3->''types'')))
       AND ($3->>''issuer'' IS NULL OR d.issuer LIKE ''%%'' || ($3->>''issuer'') || ''%%'')
       AND ($3->>''from'' IS NULL OR COALESCE(d.published_date, d.written_date) >= ($3->>''from'')::date)
       AND ($3->>''to'' IS NULL OR COALESCE(d.published_date, d.written_date) <= ($3->>''to'')::date)
       AND ($3->''jurisdiction'' IS NULL
            OR d.region <@ ARRAY(SELECT jsonb_array_elements_text($3->''jurisdiction'')))
     ORDER BY c.embedding::vector(%1$s) <=> $1::vector(%1$s) LIMIT $2',
    dimensions)
  USING query, neighbours, filters;
END;
$function$;
