-- What waba-provisioner decided about each channel a link's redirect claimed (channel-claim-decided on
-- provisioning.events.v1). The redirect is unsigned (reference §3.5): a channel without a row here is only claimed;
-- its progress is shown on the link once the claim is confirmed. A decision is final.
CREATE TABLE link_channel_claims (
    link_id     uuid        NOT NULL,
    channel_id  text        NOT NULL,
    claim       text        NOT NULL CHECK (claim IN ('grant', 'revoke')),
    outcome     text        NOT NULL CHECK (outcome IN ('confirmed', 'refused')),
    reason      text,
    decided_at  timestamptz NOT NULL,
    PRIMARY KEY (link_id, channel_id, claim)
);
