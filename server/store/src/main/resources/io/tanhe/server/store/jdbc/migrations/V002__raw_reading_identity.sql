-- Raw readings keyed by their identity, in measurement-time order. Before: a surrogate id, a 512-character
-- idempotency key with its own unique index and two more indexes (point+time, time) — four B-trees per
-- reading, three of them written at random places. Now one: the primary key on (measured_at, point_id,
-- source_id, reading_key), which is both the idempotency check and, as readings arrive in time order,
-- an append at the right edge of the tree. The idempotency key was always derived from these four fields.
-- Per-point queries scan the key's time range and filter on point_id inside the index.
-- Pages of 4 KiB: from the declared widths (detail VARCHAR(2000)) Derby would choose 32 KiB pages, and
-- every page in its cache would then hold 32 KiB for rows of about 100 bytes.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '4096');
CREATE TABLE raw_reading_v2 (
  measured_at TIMESTAMP NOT NULL,
  point_id VARCHAR(128) NOT NULL,
  source_id VARCHAR(128) NOT NULL,
  reading_key VARCHAR(128) NOT NULL,
  value_text VARCHAR(64),
  unit VARCHAR(64) NOT NULL,
  quality VARCHAR(16) NOT NULL,
  detail VARCHAR(2000) NOT NULL,
  received_at TIMESTAMP NOT NULL,
  CONSTRAINT raw_reading_identity PRIMARY KEY (measured_at, point_id, source_id, reading_key)
);
INSERT INTO raw_reading_v2 (measured_at, point_id, source_id, reading_key, value_text, unit, quality, detail, received_at)
  SELECT measured_at, point_id, source_id, reading_key, value_text, unit, quality, detail, received_at FROM raw_reading;
DROP TABLE raw_reading;
RENAME TABLE raw_reading_v2 TO raw_reading;
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL);
