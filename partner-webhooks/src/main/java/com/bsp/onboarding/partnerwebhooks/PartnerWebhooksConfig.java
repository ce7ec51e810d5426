package com.bsp.onboarding.partnerwebhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** All of partner-webhooks' own settings; every key can be overridden by an environment variable (PARTNER_WEBHOOKS_...). */
@ConfigMapping(prefix = "partner-webhooks")
public interface PartnerWebhooksConfig {

    /** The partner hubs this deployment serves, by the hub id the other services use. */
    Map<String, HubConfig> hubs();

    /** Keys that seal the endpoints' signing secrets at rest (AES-256-GCM, versioned). */
    StorageKeys storageKeys();

    /** How deliveries are made. */
    DeliveryConfig delivery();

    /** How source events are taken in. */
    IntakeConfig intake();

    interface HubConfig {
        /** SHA-256 (hex) of the hub's API keys for this service; several during a rotation. */
        List<String> apiKeySha256();
    }

    interface StorageKeys {
        String current();

        /** key id to base64 of 32 random bytes */
        Map<String, String> keys();
    }

    interface IntakeConfig {

        /**
         * How long an event read before anything told whose it is (parked) waits for its onboarding: one still
         * parked after this is dropped, never to be told. Longer than any source takes to tell the rest.
         */
        @WithDefault("P30D")
        Duration parkedRetention();

        /** How often parked events older than the retention are dropped and the parked-events gauges refreshed. */
        @WithDefault("1m")
        Duration parkedPruneInterval();
    }

    interface DeliveryConfig {

        /**
         * The wait before each retry: the Standard Webhooks / Svix schedule (5 s, 5 min, 30 min, 2 h, 5 h,
         * 10 h, 10 h), extended with 14 h and 24 h so a delivery is tried for about three days.
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H,PT14H,PT24H")
        List<Duration> retrySchedule();

        /** An endpoint with no successful delivery for this long, while failing, is disabled. */
        @WithDefault("P5D")
        Duration disableAfter();

        /** How long a rotated-out secret keeps signing beside the new one. */
        @WithDefault("PT24H")
        Duration secretGracePeriod();

        @WithDefault("5s")
        Duration connectTimeout();

        /** The whole request, answer included: an endpoint that takes longer counts as failed. */
        @WithDefault("15s")
        Duration requestTimeout();

        /** Requests in flight to one endpoint at most, per replica: a slow endpoint holds only its own. */
        @WithDefault("32")
        int maxInFlightPerEndpoint();

        /**
         * Deliveries claimed for a healthy endpoint beyond its in-flight limit, so one claim feeds it for a
         * while. An endpoint whose last attempt failed or took longer than slow-answer gets none.
         */
        @WithDefault("256")
        int queueAheadPerEndpoint();

        /** An answer slower than this counts as struggling: the endpoint gets no queue ahead. */
        @WithDefault("1s")
        Duration slowAnswer();

        /** How much of an answer is read (and kept, in the delivery log, as the snippet). */
        @WithDefault("1024")
        int maxAnswerBytes();

        /** Endpoints must be https:// (production). Local stacks and tests turn this off. */
        @WithDefault("true")
        boolean requireHttps();

        /** Endpoints may resolve to loopback, private, link-local addresses (never in production). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** The fallback look for due deliveries (retries, expired leases, other replicas' wakes). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed in one statement at most. */
        @WithDefault("500")
        int claimBatchSize();

        /** Deliveries this replica holds at most (in flight or queued for a slot), all endpoints together. */
        @WithDefault("2000")
        int maxInFlight();

        /**
         * Connections kept per host:port at most. Endpoints sharing a host share its pool, so this is above
         * the per-endpoint limit: one hanging endpoint cannot take a neighbour's connections.
         */
        @WithDefault("64")
        int connectionPoolSizePerHost();

        /**
         * A claimed delivery's lease is connect-timeout + request-timeout + this: a live replica's lease never
         * runs out under an attempt, and a dead replica's deliveries are taken again this long after.
         */
        @WithDefault("10s")
        Duration leaseMargin();

        /** On shutdown: claim nothing more and wait this long at most for requests in flight. */
        @WithDefault("10s")
        Duration shutdownGrace();

        /** The User-Agent of every delivery. */
        @WithDefault("bsp-onboarding-partner-webhooks/1.0")
        String userAgent();
    }
}
