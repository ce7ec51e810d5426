package com.bsp.onboarding.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's settings; every key can be overridden by an environment variable (SANDBOX_..., e.g.
 * {@code sandbox.hubs.demo.platform-secret} as {@code SANDBOX_HUBS_DEMO_PLATFORM_SECRET}). The defaults
 * are the local demo's: the same app, secrets and URLs as {@code run-local.sh} gives the services.
 */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    Meta meta();

    /** 360Dialog partner hubs, by a hub id of our choosing. */
    Map<String, Hub> hubs();

    /** How long after a signup's {@code channel_created} its {@code channel_running} follows. */
    @WithDefault("1s")
    Duration hubRunningDelay();

    /** How long an Embedded Signup code can be exchanged (Meta: 30 seconds). */
    @WithDefault("30s")
    Duration codeTtl();

    /**
     * The oldest {@code io_timestamp} a hub accepts. 360Dialog documents no window (a signature is refused
     * only when reused), so there is none unless set.
     */
    Optional<Duration> hubSignatureMaxAge();

    /**
     * What counts as one onboarding attempt. {@code signature} is 360Dialog's rule: an io_signature is
     * accepted once. It covers only partner and second, so two links signed within one second share it and
     * the second one is refused as a replay; {@code link} (signature and state) lets tests that issue
     * several links a second through.
     */
    @WithDefault("signature")
    ReplayKey hubReplayKey();

    enum ReplayKey {
        SIGNATURE,
        LINK
    }

    Webhooks webhooks();

    interface Meta {

        /** The partner's Meta app: {@code client_id} of code exchanges, listed in subscribed_apps. */
        @WithDefault("demo-app-id")
        String appId();

        /** Checked on code exchanges; signs {@code X-Hub-Signature-256} of the Meta webhooks. */
        @WithDefault("demo-app-secret")
        String appSecret();

        /** The only token debug_token accepts (besides the app token {@code app-id|app-secret}). */
        @WithDefault("demo-system-user-token")
        String systemUserToken();

        /** Where Meta's webhooks go: webhook-ingest's {@code POST /webhooks/meta}. */
        @WithDefault("http://localhost:8082/webhooks/meta")
        String webhookUrl();

        /** The partner's business portfolio: {@code entry[].id} of partner events such as PARTNER_ADDED. */
        @WithDefault("100000000000001")
        String partnerBusinessId();

        /** The partner's credit line, as {@code extendedcredits} lists it. */
        @WithDefault("credit-line-1")
        String creditLineId();

        /**
         * Embedded Signup versions the popup refuses to start, as Meta does after their end date (Meta's "Versions"
         * page: v2 deprecated on 2026-10-15; v3 and the v2/v3 public previews available until October 2026). Set it
         * to "none" to play Meta before October 2026 (a list must not be empty).
         */
        @WithDefault("v2,v3,v2-public-preview,v3-public-preview")
        List<String> retiredEsVersions();

        /**
         * The scope names debug_token lists for new tokens: manage_events (Meta since June 2026), management (before),
         * no_targets. Changeable at run time (POST /_sandbox/token-scopes).
         */
        @WithDefault("manage_events")
        String tokenScopes();

        /**
         * Further Meta apps of the partner (several apps, one per hub), by a name of our choosing. Each has its own
         * secret (code exchanges, webhook signatures), System User token and credit line; only its System User may
         * share its credit line.
         */
        Map<String, App> apps();

        interface App {

            String appId();

            String appSecret();

            String systemUserToken();

            String creditLineId();

            /** Where this app's webhooks go; default {@code <sandbox.meta.webhook-url>/<app-id>} (webhook-ingest's per-app route). */
            Optional<String> webhookUrl();
        }
    }

    interface Hub {

        /** The {@code {partnerId}} of the hub's signup URLs and of its IO signatures. */
        String partnerId();

        /** Verifies {@code io_signature} (HMAC-SHA512) and signs the partner webhooks (HMAC-SHA256). */
        String platformSecret();

        /** Where the partner webhooks go: webhook-ingest's {@code POST /webhooks/360dialog/{partnerId}}. None: not sent. */
        Optional<String> webhookUrl();

        /** The hub's global redirect URL, for links without {@code redirect_url}. None: a result page is shown. */
        Optional<String> defaultRedirectUrl();

        /** Channels a signup grants unless the customer picks another number on the signup page. */
        @WithDefault("1")
        int channels();
    }

    interface Webhooks {

        /** Attempts per webhook; a non-200 answer or no answer is retried with exponential back-off. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** 360Dialog's hard limit for the receiver's answer. */
        @WithDefault("5s")
        Duration timeout();
    }
}
