-- When reviewers were told of a case's first draft. Drafting can run in a worker process without the chat surfaces;
-- the process that has them (huiying serve) claims drafts not yet announced and tells reviewers, once.
ALTER TABLE cases ADD COLUMN announced_at timestamptz;
-- Drafts made before this migration were announced by the process that drafted them.
UPDATE cases SET announced_at = COALESCE(closed_at, received_at) WHERE status <> 'received';
CREATE INDEX cases_unannounced ON cases (received_at) WHERE status = 'awaiting-review' AND announced_at IS NULL;

-- The nearest chunks by cosine distance on the HNSW index, with the search filters, as one statement. The index
-- scan's settings are set for this statement alone: ef_search to cover the neighbours asked for, iterative scans so
-- that filters do not starve the result (relaxed order: the caller sorts). Without it a vector search needed a
-- transaction of its own for them (BEGIN, SET LOCAL, SELECT, COMMIT: four round trips on a server).
-- `filters` holds what retrieval/search-filters.ts names: includeInvalid, asOf, types, issuer, from, to.
CREATE FUNCTION nearest_chunks(query text, dimensions integer, neighbours integer, filters jsonb)
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
     ORDER BY c.embedding::vector(%1$s) <=> $1::vector(%1$s) LIMIT $2',
    dimensions)
  USING query, neighbours, filters;
END;
$function$;
