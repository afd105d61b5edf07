-- The operator's comment on an acknowledgement ("checked on site: the flow meter was being cleaned"),
-- kept with the alert so that its list shows why it was acknowledged; null for alerts acknowledged
-- without one, and for those the rules acknowledged.
ALTER TABLE alert ADD COLUMN acked_comment VARCHAR(1000);
