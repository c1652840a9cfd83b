-- Knowledge base: documents (every version kept), their chunks, and the lexicon used to weight query terms.
CREATE EXTENSION IF NOT EXISTS vector;

-- Which embedder built the index; a mismatch must be fixed with `huiying reindex`.
CREATE TABLE index_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  source_uri text NOT NULL,
  version integer NOT NULL,
  content_hash text NOT NULL,
  format text NOT NULL,
  title text NOT NULL,
  doc_type text NOT NULL,
  index_number text,
  issuer text,
  document_number text,
  written_date date,
  published_date date,
  effective_date date,
  validity text NOT NULL DEFAULT '有效',
  topic text,
  interprets text,
  interprets_document_id bigint REFERENCES documents(id),
  -- current: searchable; superseded: an older version or edition; withdrawn: its source disappeared (--prune).
  status text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded', 'withdrawn')),
  superseded_by bigint REFERENCES documents(id),
  family_key text NOT NULL,
  body text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  ingested_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_uri, version),
  CHECK (validity IN ('有效', '失效', '废止', '已修订', '尚未生效'))
);
CREATE INDEX documents_source_uri ON documents (source_uri);
CREATE INDEX documents_family_key ON documents (family_key);
CREATE INDEX documents_status ON documents (status);

CREATE TABLE chunks (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  heading_path text NOT NULL DEFAULT '',
  article_label text,
  article_number integer,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  content text NOT NULL,
  -- Segmented words (jieba, search mode), space separated; the same segmenter runs at query time.
  title_terms text NOT NULL DEFAULT '',
  body_terms text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_terms || ' ' || body_terms)) STORED,
  embedding vector NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_article ON chunks (document_id, article_number);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);

-- Document frequency of every term over current chunks, rebuilt after each ingest; weights query terms (IDF).
CREATE TABLE lexicon (
  term text PRIMARY KEY,
  document_frequency integer NOT NULL
);
