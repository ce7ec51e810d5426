-- The dispatcher claims each endpoint's due deliveries oldest due first and counts what it holds itself, so
-- the claim walks (endpoint, next_attempt_at) and no longer counts leases per endpoint in the database.
CREATE INDEX deliveries_due ON deliveries (endpoint_id, next_attempt_at, message_seq) WHERE status = 'pending';
-- The order check asks for the first pending delivery of an (ordering key, endpoint): the key leads, so no
-- other index can answer it and the planner, even with stale statistics after a burst, takes this one.
CREATE INDEX deliveries_in_key ON deliveries (ordering_key, endpoint_id, message_seq) WHERE status = 'pending';
DROP INDEX deliveries_in_order;
DROP INDEX deliveries_pending;
DROP INDEX deliveries_leased;
-- A claim only sets lease_until, which no index holds: with room left on the page the update is a HOT one
-- (no index entries written).
ALTER TABLE deliveries SET (fillfactor = 70);
