-- partner-webhooks: the hubs' endpoints, the messages (one per partner-facing event: its id is the
-- Standard Webhooks webhook-id) and their deliveries to each endpoint, with every attempt.

CREATE TABLE endpoints (
    id              text PRIMARY KEY,                 -- ep_<random>
    hub_id          text NOT NULL,
    url             text NOT NULL,
    description     text,
    event_types     text[],                           -- NULL: every event type
    enabled         boolean NOT NULL DEFAULT true,
    disabled_reason text,                             -- 'failing' (by the service) | 'by_hub'
    disabled_at     timestamptz,
    failing_since   timestamptz,                      -- first failed attempt since the last success
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE INDEX endpoints_by_hub ON endpoints (hub_id) WHERE deleted_at IS NULL;

-- Signing secrets (whsec_...), sealed with a storage key (AES-256-GCM, associated data
-- "endpoint-secret|<endpoint id>|<version>"). The current one has no expiry; a rotated-out one signs
-- alongside it until expires_at.
CREATE TABLE endpoint_secrets (
    endpoint_id text NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    version     int NOT NULL,
    key_id      text NOT NULL,
    ciphertext  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    PRIMARY KEY (endpoint_id, version)
);

-- One row per partner-facing event. payload is the exact body delivered ({"type","timestamp","data"}).
CREATE TABLE messages (
    id              text PRIMARY KEY,                 -- msg_<...>, the webhook-id
    seq             bigserial NOT NULL UNIQUE,        -- creation order: delivery order per onboarding
    hub_id          text NOT NULL,
    onboarding_id   text,                             -- NULL for endpoint.disabled and webhook.test
    event_type      text NOT NULL,
    payload         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_by_onboarding ON messages (onboarding_id, seq) WHERE onboarding_id IS NOT NULL;
CREATE INDEX messages_by_hub ON messages (hub_id, created_at);

-- One row per (endpoint, message): at least once, in order per (endpoint, ordering_key).
CREATE TABLE deliveries (
    id               bigserial PRIMARY KEY,
    endpoint_id      text NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    message_id       text NOT NULL REFERENCES messages (id),
    ordering_key     text NOT NULL,                   -- the onboarding id, or the message id when none
    message_seq      bigint NOT NULL,                 -- messages.seq: the order within an ordering key
    status           text NOT NULL DEFAULT 'pending', -- pending | delivered | failed (retries used up) | cancelled
    attempts         int NOT NULL DEFAULT 0,
    schedule_from    int NOT NULL DEFAULT 0,          -- attempts when last replayed: the retry schedule restarts there
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,                     -- a replica is sending it; another takes over after this
    last_http_status int,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, message_id)
);
-- The claim walks each endpoint's pending deliveries in message order, checks that none of the same
-- ordering key comes before, and counts the endpoint's leased (in flight) ones.
CREATE INDEX deliveries_pending ON deliveries (endpoint_id, message_seq) WHERE status = 'pending';
CREATE INDEX deliveries_in_order ON deliveries (endpoint_id, ordering_key, message_seq) WHERE status = 'pending';
CREATE INDEX deliveries_leased ON deliveries (endpoint_id) WHERE status = 'pending' AND lease_until IS NOT NULL;
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, created_at);
CREATE INDEX deliveries_by_message ON deliveries (message_id);

CREATE TABLE delivery_attempts (
    delivery_id    bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt        int NOT NULL,
    started_at     timestamptz NOT NULL,
    latency_ms     int,
    http_status    int,                               -- NULL: no answer (timeout, refused, blocked address)
    answer_snippet text,                              -- the first bytes of the answer, bounded
    error          text,
    PRIMARY KEY (delivery_id, attempt)
);
