-- SQLite's form of V004 (see the common V004): SQLite cannot make a column NOT NULL after adding it, so
-- raised_severity is added NOT NULL with a placeholder default and set from severity at once.
ALTER TABLE alert ADD COLUMN raised_severity VARCHAR(16) NOT NULL DEFAULT '';
UPDATE alert SET raised_severity = severity;
ALTER TABLE alert ADD COLUMN escalated_at INTEGER;
