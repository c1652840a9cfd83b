-- Talking points (口径) carry who approved them and until when they may be used; expired ones are never cited.
ALTER TABLE documents ADD COLUMN approver text;
ALTER TABLE documents ADD COLUMN expires_on date;
CREATE INDEX documents_expires_on ON documents (expires_on) WHERE expires_on IS NOT NULL;
