package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;

/** A 360Dialog channel's row as its workflow needs it; the API key stays sealed until a step opens it. */
public record Channel(
        String partnerId,
        String channelId,
        String hubId,
        String clientId,
        String status,
        String currentStep,
        int stepAttempts,
        EncryptedSecret apiKey) {

    public static final String CREATE_API_KEY = "create_api_key";
    public static final String SET_WEBHOOK = "set_webhook";
    /** De-provisioning a channel revoked after it was provisioned. */
    public static final String REMOVE_WEBHOOK = "remove_webhook";

    public Object[] key() {
        return new Object[] {partnerId, channelId};
    }

    /** Key of the channel's events: its client, like the link's events; the channel when the client is unknown. */
    public String eventKey() {
        return clientId == null ? channelId : clientId;
    }
}
