-- Where a local document has force (属地): its places, highest level first ({浙江省,杭州市,建德市}); '{}' for a
-- national document. NULL for documents stored before this migration, until the next ingest fills it in (the region
-- is read from the title and issuer by ingest/extract-region.ts, which SQL cannot do).
ALTER TABLE documents ADD COLUMN region text[];
CREATE INDEX documents_region ON documents USING gin (region);
