-- Quality-assurance records of a CEMS (docs/cems.md): zero and span calibrations (from the data
-- logger's 3011 / i13006–i13008 or entered by hand), maintenance periods and relative-accuracy audits.
-- A calibration or maintenance period excludes the readings of its point (every measurement point when
-- point_id is empty) from the measured figures. passed: 1 yes, 0 no, NULL when no limit was given.
CREATE TABLE qa_record (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  kind VARCHAR(32) NOT NULL,
  point_id VARCHAR(128) NOT NULL,
  period_start TIMESTAMP NOT NULL,
  period_end TIMESTAMP NOT NULL,
  reference_value DOUBLE,
  measured_value DOUBLE,
  span_range DOUBLE,
  result_value DOUBLE,
  limit_value DOUBLE,
  passed BIGINT,
  source VARCHAR(128) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  recorded_at TIMESTAMP NOT NULL,
  CONSTRAINT qa_record_pk PRIMARY KEY (id)
);
CREATE INDEX qa_record_period ON qa_record (period_start);
