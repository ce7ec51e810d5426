-- Channel webhooks used to carry one header value shared by every channel of a hub. Each channel's value is now
-- derived from the hub's channel webhook key, partner and channel id (ChannelWebhookAuth): every channel provisioned
-- before runs its set_webhook step again, which re-sets its webhook with its own value (and announces
-- channel-provisioned again, its key sealed as channel-key|<hub>|<channel id>). The same statement, limited to one
-- hub, re-points a hub's channels after a key rotation (README).
UPDATE channels
SET status = 'provisioning', current_step = 'set_webhook', step_attempts = 0, step_in_flight = false,
    next_attempt_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
WHERE status = 'provisioned' AND api_key_ciphertext IS NOT NULL;
