-- Inbox (eventing module): ids of the input events already applied. Every source delivers at least once,
-- and a redelivery must change nothing. CloudEvent ids are unique across the topics a service reads, so
-- the id alone is the key. Pruned after eventing.inbox.retention by InboxPruner.
CREATE TABLE processed_events (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX processed_events_by_age ON processed_events (processed_at);
