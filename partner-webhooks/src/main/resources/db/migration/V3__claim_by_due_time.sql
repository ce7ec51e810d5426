-- The dispatcher claims each endpoint's due deliveries oldest due first and counts what it holds itself, so
-- the claim walks (endpoint, next_attempt_at) and no longer counts leases per endpoint in the database.
CREATE INDEX deliveries_due ON deliveries (endpoint_id, next_attempt_at, message_seq) WHERE status = 'pending';
DROP INDEX deliveries_pending;
DROP INDEX deliveries_leased;
