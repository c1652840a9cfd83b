-- Review workflow: accounts, cases, draft versions, approvals, the outbox, public answers and the audit trail.

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  -- scrypt$<salt hex>$<key hex>
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('staff', 'drafter', 'approver', 'admin')),
  -- The unit an approver approves for; NULL means every unit.
  unit text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person's id on a chat surface (Slack user, Discord user) mapped to an account, so decisions made there carry a role.
CREATE TABLE account_identities (
  surface text NOT NULL,
  external_id text NOT NULL,
  account_id bigint NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (surface, external_id)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  -- What the citizen is given to look up the answer; unguessable.
  public_reference text NOT NULL UNIQUE,
  -- The sender's own key for the inquiry (the API's Idempotency-Key), so a retried submission finds the first case.
  source_key text UNIQUE,
  kind text NOT NULL CHECK (kind IN ('citizen-question', 'information-request', 'opinion-item', 'staff-question')),
  surface text NOT NULL,
  reply_target jsonb NOT NULL DEFAULT '{}',
  author_pseudonym text NOT NULL,
  -- The text as received, kept for review only; display_text has personal data redacted.
  original_text text NOT NULL,
  display_text text NOT NULL,
  topic text,
  severity text NOT NULL CHECK (severity IN ('一般', '较大', '重大', '特别重大')),
  unit text NOT NULL,
  triage jsonb NOT NULL DEFAULT '{}',
  -- Staff questions are answered internally at once and never reviewed or posted: 'answered-internally'.
  status text NOT NULL CHECK (status IN ('received', 'awaiting-review', 'needs-revision', 'escalated', 'approved', 'posted', 'answered-internally')),
  current_version integer NOT NULL DEFAULT 0,
  -- Why the last attempt to draft failed (the worker retries); NULL once a draft exists.
  draft_error text,
  received_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  remind_at timestamptz NOT NULL,
  -- For 重大/特别重大 opinion items: the press release due after the first authoritative information.
  follow_up_due_at timestamptz,
  reminded_at timestamptz,
  follow_up_reminded_at timestamptz,
  escalated_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX cases_open ON cases (status, due_at) WHERE closed_at IS NULL;

CREATE TABLE draft_versions (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  version integer NOT NULL,
  text text NOT NULL,
  text_hash text NOT NULL,
  -- [{ text, sources: [n] }], [{ number, chunkId, citation, quote, ... }] and the verification report.
  sentences jsonb NOT NULL,
  sources jsonb NOT NULL,
  verification jsonb NOT NULL,
  flags jsonb NOT NULL DEFAULT '[]',
  refused boolean NOT NULL DEFAULT false,
  escalation_reasons jsonb NOT NULL DEFAULT '[]',
  drafter text NOT NULL,
  -- The account that wrote or last edited this text; NULL when a drafter (model or extractive) wrote it.
  author_account_id bigint REFERENCES accounts(id),
  -- For an edit: the line diff from the version it was made from.
  diff jsonb,
  created_at timestamptz NOT NULL,
  UNIQUE (case_id, version)
);

CREATE TABLE approvals (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  version integer NOT NULL,
  text_hash text NOT NULL,
  approver_account_id bigint NOT NULL REFERENCES accounts(id),
  approved_at timestamptz NOT NULL,
  -- Set when the text changed after approval: the approval no longer covers anything.
  voided_at timestamptz
);

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  approval_id bigint NOT NULL UNIQUE REFERENCES approvals(id),
  surface text NOT NULL,
  reply_target jsonb NOT NULL,
  text text NOT NULL,
  text_hash text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'voided')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  receipt text,
  delivered_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';

-- What the web console has published: one row per delivery, keyed by the outbox's idempotency key.
CREATE TABLE public_answers (
  idempotency_key text PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  text text NOT NULL,
  published_at timestamptz NOT NULL
);

-- Append-only, hash-chained: each entry's hash covers its fields and the previous entry's hash.
CREATE TABLE audit_log (
  sequence bigserial PRIMARY KEY,
  case_id bigint,
  event text NOT NULL,
  actor text NOT NULL,
  occurred_at timestamptz NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  previous_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, sequence);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
