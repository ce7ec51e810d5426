-- The account lifecycle (Meta account_update events, 360Dialog revocations) and WABAs onboarded by webhook
-- alone (Meta-hosted Embedded Signup: PARTNER_ADDED / PARTNER_APP_INSTALLED and no signup).
ALTER TABLE wabas DROP CONSTRAINT IF EXISTS wabas_status_check;
ALTER TABLE wabas ADD CONSTRAINT wabas_status_check CHECK (status IN
    ('observed', 'awaiting_ops', 'provisioning', 'provisioned', 'failed', 'offboarding', 'offboarded',
     'app_uninstalled', 'account_offboarded', 'account_deleted'));
ALTER TABLE wabas
    -- whose token the WABA's Graph calls use: the signup's business token, or the hub's System User token
    -- (a WABA known from PARTNER_ADDED / PARTNER_APP_INSTALLED alone; no business token is stored for it)
    ADD COLUMN token_source     text NOT NULL DEFAULT 'business' CHECK (token_source IN ('business', 'system_user')),
    -- unusable after PARTNER_APP_UNINSTALLED until PARTNER_APP_INSTALLED or a newer signup
    ADD COLUMN token_state      text NOT NULL DEFAULT 'usable' CHECK (token_state IN ('usable', 'unusable')),
    -- the latest lifecycle event applied and its time (Meta's entry.time): older ones no longer change the state
    ADD COLUMN lifecycle_event  text,
    ADD COLUMN lifecycle_at     timestamptz,
    -- the status to return to when a stop (app_uninstalled, account_offboarded) is lifted
    ADD COLUMN resume_status    text;

-- 360Dialog: a channel revoked after it was provisioned is de-provisioned (webhook removed, key discarded);
-- account_violation / account_restriction are kept per channel.
ALTER TABLE channels DROP CONSTRAINT IF EXISTS channels_status_check;
ALTER TABLE channels ADD CONSTRAINT channels_status_check CHECK (status IN
    ('waiting', 'provisioning', 'provisioned', 'failed', 'deprovisioning', 'revoked'));
ALTER TABLE channels
    ADD COLUMN account_events jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN revoked_at     timestamptz;
DROP INDEX IF EXISTS channels_due;
CREATE INDEX channels_due ON channels (next_attempt_at) WHERE status IN ('provisioning', 'deprovisioning');
DROP INDEX IF EXISTS wabas_due;
CREATE INDEX wabas_due ON wabas (next_attempt_at) WHERE status IN ('provisioning', 'offboarding');
-- 360Dialog account_violation / account_restriction naming a client but no channel.
CREATE TABLE dialog360_clients (
    partner_id     text        NOT NULL,
    client_id      text        NOT NULL,
    hub_id         text        NOT NULL,
    account_events jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, client_id)
);
