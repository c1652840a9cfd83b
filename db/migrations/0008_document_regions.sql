-- Where a local document has force (属地): its places, highest level first ({浙江省,杭州市,建德市}); '{}' for a
-- national document. NULL for documents stored before this migration, until the next ingest fills it in (the region
-- is read from the title and issuer by ingest/extract-region.ts, which SQL cannot do).
-- No index: the jurisdiction filter (region <@ chain) keeps most documents (every national one), and a GIN index made
-- the planner expect two dozen and scan vectors exactly instead of using HNSW (0.8 s a search on the full corpus).
ALTER TABLE documents ADD COLUMN region text[];
