-- What a reviewer changed in a draft version's sources against the version it was made from (passages added from the
-- case page's search, sources removed, a past answer's sources brought in):
-- {"added": [{"number", "chunkId", "citation"}], "removed": [...], "basedOnAnswer"?: {"entryId", "caseId"}}.
-- NULL when the sources are the previous version's.
ALTER TABLE draft_versions ADD COLUMN evidence_changes jsonb;

-- The order an answer's citations were given in (its [1], [2], ...), so a reviewer who starts from a past answer gets
-- each of its numbers mapped to the passage it cited.
ALTER TABLE question_bank_citations ADD COLUMN position bigserial;
