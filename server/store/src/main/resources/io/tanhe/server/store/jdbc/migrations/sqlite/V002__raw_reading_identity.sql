-- SQLite's form of V002 (see the common V002 for why): raw readings keyed by their identity, in a table
-- WITHOUT ROWID, so the primary key is the table itself (one B-tree per reading, appended at its right edge
-- as readings arrive in time order). Instants are INTEGER nanoseconds since the epoch.
CREATE TABLE raw_reading_v2 (
  measured_at INTEGER NOT NULL,
  point_id VARCHAR(128) NOT NULL,
  source_id VARCHAR(128) NOT NULL,
  reading_key VARCHAR(128) NOT NULL,
  value_text VARCHAR(64),
  unit VARCHAR(64) NOT NULL,
  quality VARCHAR(16) NOT NULL,
  detail VARCHAR(2000) NOT NULL,
  received_at INTEGER NOT NULL,
  CONSTRAINT raw_reading_identity PRIMARY KEY (measured_at, point_id, source_id, reading_key)
) WITHOUT ROWID;
INSERT INTO raw_reading_v2 (measured_at, point_id, source_id, reading_key, value_text, unit, quality, detail, received_at)
  SELECT measured_at, point_id, source_id, reading_key, value_text, unit, quality, detail, received_at FROM raw_reading;
DROP TABLE raw_reading;
ALTER TABLE raw_reading_v2 RENAME TO raw_reading;
