-- One row per Embedded Signup code. The code itself is never stored: its SHA-256 makes a resubmitted
-- code find the first attempt's outcome (Meta accepts a code once).
CREATE TABLE signups (
    id                 uuid PRIMARY KEY,
    hub_id             text        NOT NULL,
    code_sha256        text        NOT NULL UNIQUE,
    status             text        NOT NULL CHECK (status IN ('exchanging', 'completed', 'failed')),
    waba_id            text        NOT NULL,
    phone_number_id    text,
    business_id        text,
    finish_type        text,
    -- AES-256-GCM sealed business token (SecretSealer), context = signup id
    token_key_id       text,
    token_ciphertext   text,
    problem_type       text,
    problem_status     integer,
    problem_detail     text,
    created_at         timestamptz NOT NULL,
    completed_at       timestamptz
);

CREATE INDEX signups_by_waba ON signups (waba_id);
