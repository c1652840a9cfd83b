-- When reviewers were told of a case's first draft. Drafting can run in a worker process without the chat surfaces;
-- the process that has them (huiying serve) claims drafts not yet announced and tells reviewers, once.
ALTER TABLE cases ADD COLUMN announced_at timestamptz;
-- Drafts made before this migration were announced by the process that drafted them.
UPDATE cases SET announced_at = COALESCE(closed_at, received_at) WHERE status <> 'received';
CREATE INDEX cases_unannounced ON cases (received_at) WHERE status = 'awaiting-review' AND announced_at IS NULL;
