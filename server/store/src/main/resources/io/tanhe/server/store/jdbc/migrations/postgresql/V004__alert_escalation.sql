-- PostgreSQL's form of V004 (see the common V004): the same change in PostgreSQL's ALTER COLUMN syntax.
ALTER TABLE alert ADD COLUMN raised_severity VARCHAR(16);
UPDATE alert SET raised_severity = severity;
ALTER TABLE alert ALTER COLUMN raised_severity SET NOT NULL;
ALTER TABLE alert ADD COLUMN escalated_at BIGINT;
