-- Closed days to recompute from the raw store because data for them arrived after they closed
-- (io.tanhe.server.recompute). One row per day and point; done_at is set when the day was recomputed.
CREATE TABLE recompute_request (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  day_local DATE NOT NULL,
  point_id VARCHAR(128) NOT NULL,
  readings INT NOT NULL,
  first_received_at TIMESTAMP NOT NULL,
  requested_at TIMESTAMP NOT NULL,
  done_at TIMESTAMP,
  CONSTRAINT recompute_request_pk PRIMARY KEY (id)
);
CREATE INDEX recompute_request_pending ON recompute_request (done_at, day_local);
