-- A hub may rotate a provisioned channel's API key (POST /v1/channels/{channelId}/api-key/rotate): when it last did.
ALTER TABLE channels ADD COLUMN api_key_rotated_at timestamptz;
