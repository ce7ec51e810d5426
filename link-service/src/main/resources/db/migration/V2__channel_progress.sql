-- How far each 360Dialog channel got after the redirect, fed only by Kafka: the hub's own channel
-- webhooks (360dialog-webhooks.events.v1) and waba-provisioner's outcome (provisioning.events.v1).
-- Keyed by channel, not by link: a channel's webhooks may arrive before its redirect completes the
-- link, so progress is kept on its own and joined at read time (links.partner_id + links.channels).
CREATE TABLE channel_progress (
    partner_id              text        NOT NULL,
    channel_id              text        NOT NULL,
    client_id               text,
    -- The latest 360Dialog channel event by its time; an older one arriving late never overwrites it.
    hub_event               text,
    hub_status              text,
    hub_event_at            timestamptz,
    provisioning            text        NOT NULL DEFAULT 'pending'
                                        CHECK (provisioning IN ('pending', 'provisioned', 'failed')),
    -- Time of the provisioning event that set the state above, so the latest outcome wins.
    provisioning_changed_at timestamptz,
    provisioned_at          timestamptz,
    failure_step            text,
    failure_http_status     integer,
    failure_code            integer,
    failure_message         text,
    updated_at              timestamptz NOT NULL,
    PRIMARY KEY (partner_id, channel_id)
);
