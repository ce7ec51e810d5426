package com.bsp.onboarding.provisioner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** waba-provisioner's own settings; every key can be overridden by an environment variable (PROVISIONER_...). */
@ConfigMapping(prefix = "provisioner")
public interface ProvisionerConfig {

    Meta meta();

    Dialog360 dialog360();

    /** 360Dialog partner hubs, by a name of our choosing (the partner id is a value: env names lose case). */
    Map<String, Hub> hubs();

    /** Keys sealing tokens, PINs and channel keys in this service's database. */
    Keys storageKeys();

    /**
     * Keys shared with token-service: they open the business token of {@code signup-completed}
     * ({@code business-token|<hub>|<signup id>}). A hub with a ring of its own ({@code hubs.<hub>}) uses only that;
     * the others use the default ring ({@code current}, {@code keys.<id>}), which also serves channel keys when
     * {@link #channelKeyTransportKeys()} is absent.
     */
    TransportKeys transportKeys();

    /**
     * Keys shared with the partner platform: they seal the API key of {@code channel-provisioned}
     * ({@code channel-key|<hub>|<channel id>}). Absent: {@link #transportKeys()}' rings, with the purpose in the
     * associated data still keeping channel keys and business tokens apart.
     */
    Optional<TransportKeys> channelKeyTransportKeys();

    Runner runner();

    Retry retry();

    /** How long one Graph or 360Dialog call may take before it counts as failed (and unclear). */
    @WithDefault("10s")
    Duration callDeadline();

    interface Meta {

        enum Mode {
            /** Shares the partner's credit line with each WABA. */
            SOLUTION_PARTNER,
            /** Customers pay Meta themselves: no credit line. */
            TECH_PROVIDER
        }

        @WithDefault("solution-partner")
        Mode mode();

        @WithDefault("https://graph.facebook.com")
        String baseUrl();

        @WithDefault("v23.0")
        String version();

        /** Our Meta app: what subscribed_apps lists once the app is subscribed. */
        String appId();

        /** The partner's System User token: credit line calls. */
        String systemUserToken();

        /** The extended credit line to share; when absent it is read from {@code GET /{partner-business-id}/extendedcredits}. */
        Optional<String> creditLineId();

        /** The partner's business portfolio id (needed only without credit-line-id). */
        Optional<String> partnerBusinessId();

        /** Currency of the shared credit line: AUD, EUR, GBP, IDR, INR or USD. */
        @WithDefault("USD")
        String currency();

        /**
         * What a {@code PARTNER_ADDED} / {@code PARTNER_APP_INSTALLED} of a WABA without a signup (Meta-hosted
         * Embedded Signup) does: {@code auto} provisions it at once with the System User token, {@code ops}
         * waits ({@code awaiting_ops}) for {@code POST /v1/wabas/{id}/provision}.
         */
        @WithDefault("ops")
        WebhookOnboarding webhookOnboarding();

        /**
         * Several Meta apps: per hub (the signup's hub id), settings overriding the ones above. Without any,
         * every WABA uses the settings above.
         */
        Map<String, MetaHub> hubs();

        enum WebhookOnboarding {
            AUTO,
            OPS
        }

        /** One hub's Meta app; an absent key falls back to {@code provisioner.meta.*}. */
        interface MetaHub {

            Optional<String> appId();

            Optional<String> systemUserToken();

            Optional<String> creditLineId();

            Optional<String> partnerBusinessId();

            Optional<String> currency();

            Optional<Mode> mode();

            Optional<WebhookOnboarding> webhookOnboarding();
        }
    }

    interface Dialog360 {

        @WithDefault("https://hub.360dialog.io/api/v2")
        String partnerApiUrl();

        @WithDefault("https://waba-v2.360dialog.io")
        String messagingApiUrl();
    }

    interface Hub {

        String partnerId();

        /**
         * SHA-256 (lowercase hex) of each ordinary API key of the hub's backend (several during a rotation): it authenticates
         * as the hub (role hub), but reads no credential.
         */
        Optional<List<String>> apiKeySha256();

        /**
         * SHA-256 of each credentials key of the hub's backend: keys distinct from the ordinary ones that also carry the
         * credentials permission, the only ones that may read or rotate a channel's API key
         * ({@code GET /v1/channels/{channelId}/api-key}).
         */
        Optional<List<String>> credentialsApiKeySha256();

        /** The hub's Partner API key (X-API-Key). */
        String partnerApiKey();

        /**
         * Partner payment hubs manage every number of their clients; direct payment hubs only those the
         * client granted on the redirect.
         */
        @WithDefault("partner")
        String paymentMode();

        /** Where each channel's webhook points: webhook-ingest, {partnerId} and {channelId} filled in. */
        String channelWebhookUrl();

        /** The header webhook-ingest checks on channel webhooks. */
        @WithDefault("X-Channel-Auth")
        String channelWebhookHeader();

        /**
         * The hub key each channel's header value is derived from
         * ({@link com.bsp.onboarding.contracts.crypto.ChannelWebhookAuth}): webhook-ingest's
         * {@code ingest.dialog360.<hub>.channel-auth-key}.
         */
        String channelWebhookKey();

        /**
         * Set for a hub that hosts Meta's Embedded Signup itself as a Tech Provider with a live Solution at 360Dialog
         * (reference §3.5): its completed signups are handed to 360Dialog, which makes the number a channel of a
         * client created for the customer; the channel route then provisions it.
         */
        Optional<AccountSharing> accountSharing();
    }

    interface AccountSharing {

        /** Meta's id of the partner's multi-partner solution with 360Dialog ({@code solution_id}). */
        String solutionId();
    }

    interface Keys {

        String current();

        /** Key id to base64 of 32 random bytes. */
        Map<String, String> keys();
    }

    /** A default ring and the rings of the hubs that have their own. */
    interface TransportKeys {

        String current();

        /** Key id to base64 of 32 random bytes. */
        Map<String, String> keys();

        /** Per hub (the hub id of the events), a ring of its own replacing the default one. */
        Map<String, Keys> hubs();
    }

    interface Runner {

        /** Workflows (WABAs and channels) run at once by this replica; each waits mostly on Graph. */
        @WithDefault("64")
        int concurrency();

        /** How long a replica owns a workflow it claimed; renewed at every step. Another replica takes over after it. */
        @WithDefault("60s")
        Duration lease();

        /** Fallback poll for due workflows (retries coming due, other replicas' leases expiring). */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Retry {

        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts of one step before a transient error is treated as permanent. */
        @WithDefault("10")
        int maxAttempts();
    }
}
