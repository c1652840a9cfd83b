-- Several processes on one server: what search derives from the documents knows when it is stale, rate limits are
-- shared, and drafting work is claimed with a lease.

-- Every statement that writes documents or chunks moves the content generation on; the ingest's finish step (lexicon,
-- editions, embedder record) records the generation it finished at. A difference means the finish is owed: after a
-- crash between the last batch and the finish, the next ingest repairs the index even when no file changed.
INSERT INTO index_settings (key, value) VALUES ('content_generation', '1') ON CONFLICT (key) DO NOTHING;
INSERT INTO index_settings (key, value)
  SELECT 'finished_generation', CASE WHEN EXISTS (SELECT 1 FROM documents) THEN '0' ELSE '1' END
  ON CONFLICT (key) DO NOTHING;

CREATE FUNCTION index_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE index_settings SET value = (value::bigint + 1)::text WHERE key = 'content_generation';
  RETURN NULL;
END;
$$;
CREATE TRIGGER documents_content_changed AFTER INSERT OR UPDATE OR DELETE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION index_content_changed();
CREATE TRIGGER chunks_content_changed AFTER INSERT OR UPDATE OR DELETE ON chunks
  FOR EACH STATEMENT EXECUTE FUNCTION index_content_changed();

-- Token buckets for the console's rate limits (per API key, per address), shared by every process serving it. The key
-- is a hash: addresses are not stored.
CREATE TABLE rate_limit_buckets (
  limiter text NOT NULL,
  key_hash text NOT NULL,
  tokens float8 NOT NULL,
  allowed boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (limiter, key_hash)
);
CREATE INDEX rate_limit_buckets_updated ON rate_limit_buckets (updated_at);

-- A worker drafting a case holds it until draft_claimed_until; another worker skips it meanwhile, and takes it over
-- when the claim lapses (the first worker died).
ALTER TABLE cases ADD COLUMN draft_claimed_until timestamptz;
ALTER TABLE cases ADD COLUMN draft_claimed_by text;
CREATE INDEX cases_received ON cases (received_at) WHERE status = 'received';
