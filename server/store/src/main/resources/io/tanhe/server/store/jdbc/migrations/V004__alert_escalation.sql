-- Escalation of alerts: `severity` becomes the current severity (raised one step when an alert
-- escalates), `raised_severity` keeps the one it was raised with, `escalated_at` says when it
-- escalated (measurement time; null while it has not). The rules escalate an alert at most once,
-- so these two columns are its whole severity history.
ALTER TABLE alert ADD COLUMN raised_severity VARCHAR(16);
UPDATE alert SET raised_severity = severity;
ALTER TABLE alert ALTER COLUMN raised_severity NOT NULL;
ALTER TABLE alert ADD COLUMN escalated_at TIMESTAMP;
