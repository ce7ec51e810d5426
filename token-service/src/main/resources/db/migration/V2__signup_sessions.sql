-- One-time sessions of the hosted Embedded Signup page (GET /signup/{token}). The token is the only
-- credential of the customer's browser, so only its SHA-256 is kept: a database reader cannot open a page.
CREATE TABLE signup_sessions (
    id            uuid PRIMARY KEY,
    hub_id        text        NOT NULL,
    token_sha256  text        NOT NULL UNIQUE,
    -- open: the page may complete it; used: a completion claimed it; expired: found past expires_at
    status        text        NOT NULL CHECK (status IN ('open', 'used', 'expired')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    -- the signup the completion produced, or null when it was refused
    signup_id     uuid,
    -- 'completed' or the problem type slug of a refusal (code-expired, waba-not-granted, ...)
    outcome       text
);
