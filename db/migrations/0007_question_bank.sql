-- The question bank: approved answers (posted cases, imported FAQ banks, an evaluation's history) with the question
-- as it was asked, so a new question worded like an old one finds the passages the old answer cited.
CREATE TABLE question_bank (
  id bigserial PRIMARY KEY,
  -- case: posted by the outbox; import: a .jsonl/.csv bank file; history: loaded by `huiying eval --history`.
  origin text NOT NULL CHECK (origin IN ('case', 'import', 'history')),
  case_id bigint REFERENCES cases(id),
  -- For imports and history: the file and line the entry came from.
  source text,
  -- The question as received, personal data redacted.
  question text NOT NULL,
  answer text NOT NULL,
  posted_at timestamptz NOT NULL,
  -- withdrawn: the answer was withdrawn or is being corrected; it no longer informs retrieval or drafts.
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  withdrawn_at timestamptz,
  withdrawn_reason text
);
CREATE INDEX question_bank_active ON question_bank (status) WHERE status = 'active';
CREATE INDEX question_bank_case ON question_bank (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX question_bank_source ON question_bank (origin, source);

-- What an answer cited, by document and article rather than by chunk id, so that a re-ingested document still
-- matches and a changed article (superseded text) is noticed: the quote must still stand in the current text.
CREATE TABLE question_bank_citations (
  entry_id bigint NOT NULL REFERENCES question_bank(id) ON DELETE CASCADE,
  source_uri text NOT NULL,
  article_label text,
  quote text NOT NULL DEFAULT ''
);
CREATE INDEX question_bank_citations_entry ON question_bank_citations (entry_id);

-- The approved past answer the drafter found closest to a case's question, shown to the reviewer with the draft.
ALTER TABLE draft_versions ADD COLUMN similar_answer jsonb;

-- A posted answer an approver withdrew: the public page says so instead of showing it. A correction is posted as
-- another row; the latest (by sequence, as posting times may tie) is the one shown.
ALTER TABLE public_answers ADD COLUMN sequence bigserial;
ALTER TABLE public_answers ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE public_answers ADD COLUMN withdrawn_reason text;
