-- What the partner chose for a session (POST /v1/signup-sessions), and every WA_EMBEDDED_SIGNUP message its page
-- received: since ES v4 Meta reports every way a flow ends, and these rows are the only record of where and why
-- customers drop out.
ALTER TABLE signup_sessions
    ADD COLUMN customer_reference text,
    ADD COLUMN redirect_url       text,
    ADD COLUMN flow               text NOT NULL DEFAULT 'default' CHECK (flow IN ('default', 'coexistence')),
    -- Meta's extras.setup shape (business, phone), as validated at creation
    ADD COLUMN prefill            jsonb;

CREATE TABLE signup_session_events (
    session_id      uuid        NOT NULL REFERENCES signup_sessions ON DELETE CASCADE,
    seq             integer     NOT NULL,
    -- FINISH, FINISH_ONLY_WABA, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING, ..., CANCEL, ERROR
    event           text        NOT NULL,
    current_step    text,
    error_code      text,
    error_message   text,
    -- Meta's session_id of an ERROR: what Meta's support asks for
    meta_session_id text,
    -- Meta's timestamp of the message, when it sent one
    reported_at     timestamptz,
    waba_id         text,
    phone_number_id text,
    business_id     text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, seq)
);
