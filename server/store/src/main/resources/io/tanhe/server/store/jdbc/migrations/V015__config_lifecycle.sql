-- Configuration packages pushed to the terminal (issue 15) and the activation log: each package row holds the
-- package's files as uploaded and the lifecycle state it is in (io.tanhe.server.lifecycle); every change of
-- state is one row of config_activation_log, written in the same transaction as the state, so that a
-- terminal killed at any step finds at its next start exactly where it stopped.
CREATE TABLE config_package (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  kind VARCHAR(32) NOT NULL,
  package_name VARCHAR(128) NOT NULL,
  package_version VARCHAR(64) NOT NULL,
  content CLOB NOT NULL,
  sha256 CHAR(64) NOT NULL,
  signatures VARCHAR(2000) NOT NULL,
  uploaded_by VARCHAR(128) NOT NULL,
  uploaded_at TIMESTAMP NOT NULL,
  state VARCHAR(32) NOT NULL,
  effective_from TIMESTAMP,
  review CLOB,
  review_summary VARCHAR(2000) NOT NULL,
  CONSTRAINT config_package_pk PRIMARY KEY (id)
);
CREATE TABLE config_activation_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  package_ref BIGINT NOT NULL,
  at_time TIMESTAMP NOT NULL,
  actor VARCHAR(128) NOT NULL,
  from_state VARCHAR(32) NOT NULL,
  to_state VARCHAR(32) NOT NULL,
  detail VARCHAR(2000) NOT NULL,
  CONSTRAINT config_activation_log_pk PRIMARY KEY (id)
);
CREATE INDEX config_activation_log_package ON config_activation_log (package_ref, id);
