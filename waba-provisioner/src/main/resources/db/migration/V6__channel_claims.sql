-- What a link's redirect claimed about channels (its channels=[...] and revoked=[...]). The redirect comes through the
-- customer's browser unsigned (reference §3.5), so a claim is acted on only once confirmed: 360Dialog's signed webhooks
-- say the channel belongs to the claimed client (channels.client_id, set from webhooks only), and the client belongs to
-- the link (client_of_link: the link was issued for it, or the Partner API lists it with the link's partner_payload).
CREATE TABLE channel_claims (
    link_id         text        NOT NULL,
    partner_id      text        NOT NULL,
    channel_id      text        NOT NULL,
    hub_id          text        NOT NULL,
    client_id       text        NOT NULL,
    claim           text        NOT NULL CHECK (claim IN ('grant', 'revoke')),
    -- null: could not be checked (the Partner API refused the call); the claim then stays unconfirmed
    client_of_link  boolean,
    status          text        NOT NULL CHECK (status IN ('claimed', 'confirmed', 'refused')),
    reason          text,
    claimed_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    PRIMARY KEY (link_id, channel_id, claim)
);

CREATE INDEX channel_claims_open ON channel_claims (partner_id, channel_id) WHERE status = 'claimed';
