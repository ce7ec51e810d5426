-- Integrated Onboarding links. io_state is the opaque value 360Dialog hands back on the redirect;
-- it is unique and accepted once (status moves from issued to completed under a row lock).
CREATE TABLE links (
    id                  uuid PRIMARY KEY,
    hub_id              text        NOT NULL,
    partner_id          text        NOT NULL,
    kind                text        NOT NULL CHECK (kind IN ('signup', 'permission')),
    status              text        NOT NULL CHECK (status IN ('issued', 'completed')),
    io_state            text        NOT NULL UNIQUE,
    io_timestamp        bigint      NOT NULL,
    url                 text        NOT NULL,
    email               text,
    name                text,
    number              text,
    caller_state        text,
    redirect_target     text,
    partner_payload     text,
    next_step           text,
    lang                text,
    plan_selection      text,
    connect_client_user boolean     NOT NULL DEFAULT false,
    requested_client_id text,
    client_id           text,
    channels            text[],
    revoked_channels    text[],
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    completed_at        timestamptz
);

CREATE INDEX links_by_hub ON links (hub_id, created_at DESC);
CREATE INDEX links_by_client ON links (hub_id, client_id) WHERE client_id IS NOT NULL;
