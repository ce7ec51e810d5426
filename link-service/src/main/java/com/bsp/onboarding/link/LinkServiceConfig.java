package com.bsp.onboarding.link;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All of link-service's own settings; every key can be overridden by an environment variable (LINK_...). */
@ConfigMapping(prefix = "link")
public interface LinkServiceConfig {

    /**
     * Where browsers reach this service from the internet. The IO callback,
     * {@code {public-base-url}/io/callback}, is the {@code redirect_url} of every link.
     */
    URI publicBaseUrl();

    /** How long a link's state is accepted on the callback. */
    @WithDefault("PT24H")
    Duration linkTtl();

    /** How often platform secret files are checked for a rotated secret. */
    @WithDefault("10s")
    Duration secretRefreshInterval();

    /**
     * How far ahead of the wall clock a partner's {@code io_timestamp} may run. 360Dialog's IO signature
     * covers only {@code {partnerId}|{seconds}} and is accepted once, so every link of a partner gets a second
     * of its own (the partner's signature clock): a burst of links takes the following seconds, and this
     * bounds how many. Beyond it POST /v1/links answers 429 with Retry-After, so a partner can sign one
     * link per second on average, with bursts of up to this many seconds' worth.
     * <p>
     * 360Dialog documents no freshness window for io_timestamp (a signature is refused only when reused),
     * so a timestamp a few minutes ahead is assumed to be accepted; the bound keeps the timestamps
     * plausible should 360Dialog ever check them against its clock. Lower it if it does.
     */
    @WithDefault("PT10M")
    Duration signatureMaxLead();

    /** The 360Dialog partner hubs this deployment serves, by a hub id of our choosing. */
    Map<String, HubConfig> hubs();

    /** How the onboarding's progress after the redirect is followed from Kafka. */
    ProgressConfig progress();

    interface ProgressConfig {

        /**
         * The 360Dialog webhook events that tell how far a channel got. Others (client_created,
         * account_violation, events 360Dialog adds later) are skipped, so a new event type never
         * disturbs the status; add it here once it is understood.
         */
        @WithDefault("channel_created,channel_submitted,channel_ready,channel_running,channel_live")
        Set<String> hubEvents();
    }

    interface HubConfig {

        /** 360Dialog partner id, the {partnerId} of the signup URL and of the IO signature. */
        String partnerId();

        /** The platform secret itself (from a Kubernetes Secret via env). Use this or {@link #platformSecretFile()}. */
        Optional<String> platformSecret();

        /**
         * A file holding the platform secret, re-read while the service runs: a secret regenerated in the
         * 360Dialog hub is swapped in by rewriting the file (a mounted Secret), without a restart.
         */
        Optional<String> platformSecretFile();

        @WithDefault("partner")
        PaymentMode paymentMode();

        /** Signup URL, {partnerId} is replaced. */
        @WithDefault("https://hub.360dialog.com/dashboard/app/{partnerId}/permissions")
        String signupBaseUrl();

        /** Permission screen URL for Direct Payment hubs, {partnerId} is replaced. */
        @WithDefault("https://hub.360dialog.com/dashboard/app/{partnerId}/permissions")
        String permissionBaseUrl();

        /** Hosts a caller's redirect target may point at; {@code *.example.com} allows subdomains. */
        Optional<List<String>> allowedRedirectHosts();

        /** {@code plan_selection=basic} is billed differently and only exists for Premium-plan partners. */
        @WithDefault("false")
        boolean basicPlanAllowed();

        /** How {@code io_signature} is printed; 360Dialog's samples use lowercase hex. */
        @WithDefault("hex")
        SignatureEncoding signatureEncoding();

        /**
         * SHA-256 (lowercase hex) of each API key that may act for this hub. Several at once, so a key
         * is rotated by adding the new hash, moving callers over, then removing the old one.
         */
        List<String> apiKeySha256();
    }

    enum PaymentMode {
        PARTNER, DIRECT
    }

    enum SignatureEncoding {
        HEX, BASE64
    }
}
