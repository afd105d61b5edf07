-- Raw readings, one row per reading; value_text keeps the meter's digits exactly (BigDecimal text).
CREATE TABLE raw_reading (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  point_id VARCHAR(128) NOT NULL,
  reading_key VARCHAR(128) NOT NULL,
  measured_at TIMESTAMP NOT NULL,
  value_text VARCHAR(64),
  unit VARCHAR(64) NOT NULL,
  quality VARCHAR(16) NOT NULL,
  source_id VARCHAR(128) NOT NULL,
  detail VARCHAR(2000) NOT NULL,
  received_at TIMESTAMP NOT NULL,
  idem_key VARCHAR(512) NOT NULL,
  CONSTRAINT raw_reading_pk PRIMARY KEY (id),
  CONSTRAINT raw_reading_idem UNIQUE (idem_key)
);
CREATE INDEX raw_reading_point_time ON raw_reading (point_id, measured_at);
CREATE INDEX raw_reading_time ON raw_reading (measured_at);

-- Current result of each node, key, grain and bucket.
CREATE TABLE result (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  node_id VARCHAR(128) NOT NULL,
  result_key VARCHAR(128) NOT NULL,
  grain VARCHAR(16) NOT NULL,
  bucket_start TIMESTAMP NOT NULL,
  bucket_end TIMESTAMP NOT NULL,
  amount DOUBLE NOT NULL,
  unit VARCHAR(64) NOT NULL,
  quality VARCHAR(16) NOT NULL,
  completeness DOUBLE NOT NULL,
  methodology_id VARCHAR(128) NOT NULL,
  methodology_version VARCHAR(64) NOT NULL,
  methodology_hash VARCHAR(128) NOT NULL,
  revision INT NOT NULL,
  revised_at TIMESTAMP NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  CONSTRAINT result_pk PRIMARY KEY (id),
  CONSTRAINT result_bucket UNIQUE (node_id, grain, bucket_start, result_key)
);
CREATE INDEX result_grain_time ON result (grain, bucket_start);

-- Values a bucket had before its current one (the current one is in result).
CREATE TABLE result_revision (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  node_id VARCHAR(128) NOT NULL,
  result_key VARCHAR(128) NOT NULL,
  grain VARCHAR(16) NOT NULL,
  bucket_start TIMESTAMP NOT NULL,
  bucket_end TIMESTAMP NOT NULL,
  amount DOUBLE NOT NULL,
  unit VARCHAR(64) NOT NULL,
  quality VARCHAR(16) NOT NULL,
  completeness DOUBLE NOT NULL,
  methodology_id VARCHAR(128) NOT NULL,
  methodology_version VARCHAR(64) NOT NULL,
  methodology_hash VARCHAR(128) NOT NULL,
  revision INT NOT NULL,
  revised_at TIMESTAMP NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  CONSTRAINT result_revision_pk PRIMARY KEY (id),
  CONSTRAINT result_revision_bucket UNIQUE (node_id, grain, bucket_start, result_key, revision)
);
CREATE INDEX result_revision_grain_time ON result_revision (grain, bucket_start);

CREATE TABLE alert (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  dedup_key VARCHAR(512) NOT NULL,
  rule_id VARCHAR(128) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  state VARCHAR(16) NOT NULL,
  raised_at TIMESTAMP NOT NULL,
  acked_at TIMESTAMP,
  acked_by VARCHAR(128) NOT NULL,
  cleared_at TIMESTAMP,
  message VARCHAR(2000) NOT NULL,
  facts_json VARCHAR(32000) NOT NULL,
  CONSTRAINT alert_pk PRIMARY KEY (id),
  CONSTRAINT alert_dedup UNIQUE (dedup_key)
);
CREATE INDEX alert_raised ON alert (raised_at);
CREATE INDEX alert_cleared ON alert (cleared_at);

-- Append-only: the store has no statement that updates it; retention deletes whole old rows.
CREATE TABLE event (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  occurred_at TIMESTAMP NOT NULL,
  kind VARCHAR(32) NOT NULL,
  subject VARCHAR(128) NOT NULL,
  message VARCHAR(2000) NOT NULL,
  details_json VARCHAR(32000) NOT NULL,
  CONSTRAINT event_pk PRIMARY KEY (id)
);
CREATE INDEX event_time ON event (occurred_at);

CREATE TABLE config_version (
  version_no INT NOT NULL,
  content CLOB NOT NULL,
  sha256 CHAR(64) NOT NULL,
  author VARCHAR(128) NOT NULL,
  saved_at TIMESTAMP NOT NULL,
  note VARCHAR(2000) NOT NULL,
  CONSTRAINT config_version_pk PRIMARY KEY (version_no)
);

-- Messages per data centre until acknowledged; delivered in period order per centre and indicator.
CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  centre_id VARCHAR(128) NOT NULL,
  indicator_key VARCHAR(128) NOT NULL,
  period_start TIMESTAMP NOT NULL,
  period_end TIMESTAMP NOT NULL,
  payload VARCHAR(32000) NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempts INT NOT NULL,
  next_attempt_at TIMESTAMP NOT NULL,
  acked_at TIMESTAMP,
  last_error VARCHAR(2000) NOT NULL,
  enqueued_at TIMESTAMP NOT NULL,
  idem_key VARCHAR(512) NOT NULL,
  CONSTRAINT outbox_pk PRIMARY KEY (id),
  CONSTRAINT outbox_idem UNIQUE (idem_key)
);
CREATE INDEX outbox_due ON outbox (centre_id, status, indicator_key, period_start, id);
CREATE INDEX outbox_acked ON outbox (acked_at);
