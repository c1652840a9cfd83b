-- The outcome of a form post (a notice, a refusal and its reason, the fields to fill in again) kept for the next page
-- the same session opens, then cleared: the console answers every form post with a redirect (POST/redirect/GET), so
-- reloading a page never sends a decision again.
ALTER TABLE sessions ADD COLUMN flash jsonb;
