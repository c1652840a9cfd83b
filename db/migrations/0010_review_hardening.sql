-- Hardening of the review workflow (issue #10): who may see a case through the API, what a reused idempotency key
-- was first used for, who moved a case into its unit, which delivery is already on its way, who created an account.

-- The API key that submitted a case: a key reads only its own cases. NULL for every other surface.
ALTER TABLE cases ADD COLUMN api_key_id bigint REFERENCES api_keys(id);
-- A hash of what was submitted under source_key (the API's body), so the same key with another body is refused
-- instead of silently answered with the first case. NULL where the surface's key identifies the message itself.
ALTER TABLE cases ADD COLUMN source_fingerprint text;
-- Who last reassigned the case into its current unit: with HUIYING_SEPARATE_APPROVER on, that person may not approve
-- it, so moving a case into one's own unit is no path around four-eyes.
ALTER TABLE cases ADD COLUMN unit_assigned_by bigint REFERENCES accounts(id);

-- Set, under the case's row lock, when the worker has checked the approval and is about to post; cleared when the
-- attempt fails. An edit that comes after it leaves the row to finish (the approved text is on its way) and the new
-- version waits for approval as a correction.
ALTER TABLE outbox ADD COLUMN posting_started_at timestamptz;

-- Who created an account ('cli', or the admin's audit name), shown beside approvals and edits on the case page.
ALTER TABLE accounts ADD COLUMN created_by text;
