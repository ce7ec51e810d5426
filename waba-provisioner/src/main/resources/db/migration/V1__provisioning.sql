-- One row per WABA this service provisions or has heard of. The current step, its attempts and whether
-- its call is in flight are recorded before the call is made, so a crash at any point resumes from
-- here, and a step whose outcome is unknown is first reconciled against Graph before it is repeated.
CREATE TABLE wabas (
    waba_id                    text PRIMARY KEY,
    hub_id                     text,
    signup_id                  uuid,
    business_id                text,
    phone_number_id            text,
    -- the business token, sealed with a storage key (AES-256-GCM, associated data = waba id)
    token_key_id               text,
    token_ciphertext           text,
    status                     text        NOT NULL CHECK (status IN
                                   ('observed', 'provisioning', 'provisioned', 'failed', 'offboarding', 'offboarded')),
    current_step               text,
    step_attempts              integer     NOT NULL DEFAULT 0,
    step_in_flight             boolean     NOT NULL DEFAULT false,
    next_attempt_at            timestamptz,
    lease_owner                text,
    lease_until                timestamptz,
    credit_line_id             text,
    allocation_config_id       text,
    credit_sharing             text,
    -- the registration PIN, sealed with a storage key (associated data = phone number id)
    pin_key_id                 text,
    pin_ciphertext             text,
    phone_registration         text,
    message_template_namespace text,
    account_status             text,
    account_status_details     jsonb,
    account_status_at          timestamptz,
    updates                    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_error                 jsonb,
    signup_completed_at        timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    provisioned_at             timestamptz,
    offboarded_at              timestamptz
);

CREATE INDEX wabas_due ON wabas (next_attempt_at) WHERE status IN ('provisioning', 'offboarding');
CREATE INDEX wabas_by_status ON wabas (status, updated_at DESC);

-- Each step of a WABA with its latest outcome, for ops.
CREATE TABLE waba_steps (
    waba_id     text        NOT NULL REFERENCES wabas ON DELETE CASCADE,
    step        text        NOT NULL,
    position    integer     NOT NULL,
    status      text        NOT NULL CHECK (status IN ('pending', 'in_flight', 'retrying', 'done', 'skipped', 'failed')),
    attempts    integer     NOT NULL DEFAULT 0,
    started_at  timestamptz,
    finished_at timestamptz,
    outcome     text,
    error       jsonb,
    PRIMARY KEY (waba_id, step)
);

-- 360Dialog channels: provisioned once the partner may manage them (redirect, or partner payment) and
-- 360Dialog reports them running.
CREATE TABLE channels (
    partner_id       text        NOT NULL,
    channel_id       text        NOT NULL,
    hub_id           text        NOT NULL,
    client_id        text,
    permitted        boolean     NOT NULL DEFAULT false,
    running          boolean     NOT NULL DEFAULT false,
    hub_status       text,
    status           text        NOT NULL CHECK (status IN ('waiting', 'provisioning', 'provisioned', 'failed', 'revoked')),
    current_step     text,
    step_attempts    integer     NOT NULL DEFAULT 0,
    step_in_flight   boolean     NOT NULL DEFAULT false,
    next_attempt_at  timestamptz,
    lease_owner      text,
    lease_until      timestamptz,
    -- the channel API key, sealed with a storage key (associated data = channel id)
    api_key_key_id   text,
    api_key_ciphertext text,
    webhook_url      text,
    last_error       jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    provisioned_at   timestamptz,
    PRIMARY KEY (partner_id, channel_id)
);

CREATE INDEX channels_due ON channels (next_attempt_at) WHERE status = 'provisioning';
