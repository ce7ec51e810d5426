-- partner-webhooks: the onboardings it follows (one per link of Integrated Onboarding, per session or signup of
-- Embedded Signup), how later events find them, and the events that arrived before the one that tells.

CREATE TABLE onboardings (
    id                text PRIMARY KEY,                -- the id the partner got from its first call
    hub_id            text NOT NULL,
    route             text NOT NULL,                   -- integrated_onboarding | embedded_signup
    partner_reference text,                            -- IO: the link's partner_payload; ES: customer_reference
    status            text NOT NULL,
    status_rank       int NOT NULL,                    -- a status moves only to a higher rank, or to an equal one in later event time
    status_at         timestamptz NOT NULL,            -- event time of the status
    waba_id           text,
    phone_number_id   text,
    business_id       text,
    client_id         text,
    created_at        timestamptz NOT NULL,            -- event time of the start
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX onboardings_newest ON onboardings (hub_id, created_at DESC, id DESC);
CREATE INDEX onboardings_by_reference ON onboardings (hub_id, partner_reference, created_at DESC, id DESC);

CREATE TABLE onboarding_channels (
    onboarding_id text NOT NULL REFERENCES onboardings (id),
    channel_id    text NOT NULL,
    status        text NOT NULL,                       -- granted | provisioned | provisioning_failed | deprovisioned | refused | revoked
    status_rank   int NOT NULL,
    status_at     timestamptz NOT NULL,
    PRIMARY KEY (onboarding_id, channel_id)
);

-- Later events name only a WABA, a 360Dialog client, a channel, a signup or a link: this says whose they are.
-- The latest binding wins (a WABA onboarded again belongs to the newer onboarding).
CREATE TABLE onboarding_subjects (
    kind          text NOT NULL,                       -- waba | client | channel | signup | link
    subject       text NOT NULL,
    onboarding_id text NOT NULL REFERENCES onboardings (id),
    PRIMARY KEY (kind, subject)
);

-- Events read before anything told whose they are; published in the transaction of the event that tells.
CREATE TABLE parked_events (
    id        bigserial PRIMARY KEY,
    event_id  text NOT NULL UNIQUE,
    subjects  text[] NOT NULL,                         -- '<kind>:<subject>', any of which resolves it
    envelope  text NOT NULL,                           -- the record's value as read
    parked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_events_by_subject ON parked_events USING gin (subjects);
CREATE INDEX parked_events_by_age ON parked_events (parked_at);
