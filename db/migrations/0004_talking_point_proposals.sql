-- Talking points (口径) written in the console: proposed by a drafter, published by an approver (another person when
-- HUIYING_SEPARATE_APPROVER is on). Publishing stores the text as a talking-points document, used verbatim until it
-- expires or is withdrawn.
CREATE TABLE talking_point_proposals (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  expires_on date NOT NULL,
  proposed_by bigint NOT NULL REFERENCES accounts(id),
  proposed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'withdrawn')),
  decided_by bigint REFERENCES accounts(id),
  decided_at timestamptz,
  reason text,
  document_id bigint REFERENCES documents(id)
);
CREATE INDEX talking_point_proposals_status ON talking_point_proposals (status, proposed_at);
