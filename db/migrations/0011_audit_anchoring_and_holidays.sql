-- Anchoring the audit trail, holiday schedules entered in the console, and account changes awaiting a second admin
-- (issue #10). Each entry's hash is also keyed with an HMAC whose key is kept outside the
-- database (HUIYING_AUDIT_KEY_FILE), so someone who can write the database but not read the key cannot rewrite an
-- entry and recompute the chain. NULL for entries written without a key.
ALTER TABLE audit_log ADD COLUMN mac text;

-- A year's public holidays and swapped working days as an admin entered them in the console (the State Council
-- publishes each year's schedule in the autumn before); they add to, and for that year replace, the calendar file.
CREATE TABLE holiday_schedules (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  -- Where the dates come from (the notice's title and date), as the admin typed it.
  source text NOT NULL,
  entered_by text NOT NULL,
  entered_at timestamptz NOT NULL
);

-- With HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN, an account change an admin makes in the console waits here until
-- another admin confirms (or rejects) it. A new account's password is kept only as its scrypt hash.
CREATE TABLE account_change_requests (
  id bigserial PRIMARY KEY,
  change jsonb NOT NULL,
  requested_by bigint NOT NULL REFERENCES accounts(id),
  requested_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
  decided_by bigint REFERENCES accounts(id),
  decided_at timestamptz
);
