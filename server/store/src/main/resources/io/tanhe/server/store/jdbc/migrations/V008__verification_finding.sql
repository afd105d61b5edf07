-- Verification findings (核查发现, docs/verification.md): what the verification rules found about a figure, a reading
-- or a meter — a check id and the guideline clause, whether the check is the power verification guideline used as a
-- template (1) or the methodology's own (0), the period, the value checked and the bound. Not alerts: nothing here is
-- acknowledged or cleared. One row per check, subject, grain and period start (dedup_key); finding it again with
-- another value (a month rolled up again) updates the row. grain is '' for a reading.
CREATE TABLE verification_finding (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  dedup_key VARCHAR(512) NOT NULL,
  check_id VARCHAR(64) NOT NULL,
  clause VARCHAR(256) NOT NULL,
  template_check BIGINT NOT NULL,
  subject VARCHAR(256) NOT NULL,
  grain VARCHAR(16) NOT NULL,
  period_start TIMESTAMP NOT NULL,
  period_end TIMESTAMP NOT NULL,
  measured_value DOUBLE,
  unit VARCHAR(64) NOT NULL,
  bound VARCHAR(256) NOT NULL,
  message VARCHAR(2000) NOT NULL,
  rule_name VARCHAR(256) NOT NULL,
  found_at TIMESTAMP NOT NULL,
  CONSTRAINT verification_finding_pk PRIMARY KEY (id),
  CONSTRAINT verification_finding_dedup UNIQUE (dedup_key)
);
CREATE INDEX verification_finding_period ON verification_finding (period_start);
