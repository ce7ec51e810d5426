package com.bsp.onboarding.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** webhook-ingest's own settings; every key can be overridden by an environment variable (INGEST_...). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /**
     * The single Meta app of {@code /webhooks/meta}. Optional: a deployment that only uses named apps
     * ({@link #metaApps()}) leaves it out, and that route then answers 404.
     */
    Optional<Meta> meta();

    /**
     * Several Meta apps, by a name of our choosing (like the 360Dialog hubs: environment variables cannot
     * carry every app id, so the id is a value), each with its own callback {@code /webhooks/meta/{appId}}.
     */
    Map<String, MetaApp> metaApps();

    /**
     * 360Dialog partner hubs, by a name of our choosing (environment variables cannot carry the mixed
     * case of partner ids, so the id is a value, not the key).
     */
    Map<String, Dialog360Hub> dialog360();

    /**
     * How long a webhook may wait for Kafka's acknowledgement before the sender gets 503 and retries.
     * Well under 360Dialog's 5 s limit.
     */
    @WithDefault("2s")
    Duration kafkaTimeout();

    /** Seconds the sender is asked to wait (Retry-After) when Kafka could not take a webhook. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** Which jobs this replica does (README, "Scaling"): both by default; at least one. */
    Roles roles();

    interface Roles {

        /** HTTP: verify each webhook and answer 200 once webhooks.raw.v1 has it. Off: /webhooks/* answers 404. */
        @WithDefault("true")
        boolean intake();

        /** Consumer group webhook-ingest-typed: each raw webhook into typed events (or quarantine). */
        @WithDefault("true")
        boolean typedStage();
    }

    interface Meta {

        /** The Meta app secret that signs X-Hub-Signature-256. */
        String appSecret();

        /** The app secret before the last rotation, accepted until removed so no webhook is refused mid-rotation. */
        Optional<String> previousAppSecret();

        /** The verify token of the webhook subscription handshake. */
        String verifyToken();
    }

    interface MetaApp {

        /** The Meta app id: the {appId} of {@code /webhooks/meta/{appId}}, the app's callback URL at Meta. */
        String appId();

        /** The app's secret, which signs X-Hub-Signature-256 of the webhooks sent to its callback. */
        String appSecret();

        /** The app secret before the last rotation, accepted until removed. */
        Optional<String> previousAppSecret();

        /** The verify token of this app's webhook subscription handshake. */
        String verifyToken();
    }

    interface Dialog360Hub {

        /** The partner id: the {partnerId} of {@code /webhooks/360dialog/{partnerId}}. */
        String partnerId();

        /** The hub's platform secret, which signs x-360dialog-signature. */
        String platformSecret();

        /** The platform secret before the last regeneration, accepted until removed. */
        Optional<String> previousPlatformSecret();

        /** Name of an extra header the partner configured at 360Dialog (e.g. X-Partner-Auth), if any. */
        Optional<String> customAuthHeader();

        /** Its expected value. */
        Optional<String> customAuthValue();

        /**
         * Name of the header that authenticates the hub's channel (messaging) webhooks at
         * {@code /webhooks/360dialog/{partnerId}/channels/{channelId}}: waba-provisioner sets it on each
         * channel's webhook through 360Dialog's messaging API. Those webhooks are not signed.
         */
        @WithDefault("X-Channel-Auth")
        String channelAuthHeader();

        /**
         * The hub key each channel's header value is derived from
         * ({@link com.bsp.onboarding.contracts.crypto.ChannelWebhookAuth}): waba-provisioner's
         * {@code provisioner.hubs.<hub>.channel-webhook-key}. Without it (and without a legacy
         * {@code channel-auth-value}) the hub's channel route answers 404: it is never open.
         */
        Optional<String> channelAuthKey();

        /** The key before the last rotation, whose derived values are accepted until it is removed. */
        Optional<String> previousChannelAuthKey();

        /**
         * Deprecated: the one value every channel of the hub was set with before values were derived per channel.
         * Accepted only while set, for channels not yet re-pointed; remove it once they are (README).
         */
        Optional<String> channelAuthValue();
    }
}
