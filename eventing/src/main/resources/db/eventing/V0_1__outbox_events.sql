-- Transactional outbox (eventing module): written in the same transaction as the state change it
-- announces, relayed to Kafka in seq order by OutboxRelay, deleted once Kafka has acknowledged it.
-- Versions 0.x belong to the eventing module, so they run before, and never collide with, a service's own.
CREATE TABLE outbox_events (
    seq        bigserial PRIMARY KEY,
    event_id   uuid        NOT NULL UNIQUE,
    topic      text        NOT NULL,
    event_key  text        NOT NULL,
    event_type text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
