package com.bsp.onboarding.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** token-service's own settings; every key can be overridden by an environment variable (TOKEN_...). */
@ConfigMapping(prefix = "token")
public interface TokenServiceConfig {

    Graph graph();

    /** Partner backends allowed to submit signups, by a hub id of our choosing (same key model as link-service). */
    Map<String, Hub> hubs();

    /** Keys sealing business tokens at rest in this service's database. */
    Keys storageKeys();

    /**
     * Keys sealing the token carried by signup-completed ({@code business-token|<hub>|<signup id>}); waba-provisioner
     * holds the same keys. A hub with a ring of its own ({@code hubs.<hub>}) uses only that; the others the default
     * ring ({@code current}, {@code keys.<id>}).
     */
    TransportKeys transportKeys();

    /**
     * How often tokens sealed with a non-current storage key are re-sealed with the current one, so a
     * retired key can be removed once {@code tokens_sealed_with_old_keys} reads 0.
     */
    @WithDefault("1m")
    Duration resealInterval();

    interface Graph {

        /** Meta's Graph API, or the sandbox emulating it. */
        @WithDefault("https://graph.facebook.com")
        String baseUrl();

        @WithDefault("v23.0")
        String version();

        /** The Meta app of every hub that names none of its own ({@code token.hubs.<hub>.meta}). */
        String appId();

        String appSecret();

        /** The partner's System User token: the access token of debug_token calls. */
        String systemUserToken();

        /**
         * The whole exchange (code, then debug_token) must finish within this: the code lives 30 s and the
         * browser is waiting.
         */
        @WithDefault("8s")
        Duration deadline();

        /** Attempts of a call that failed before it reached Graph (connection refused): it cannot have happened. */
        @WithDefault("3")
        int connectAttempts();

        /**
         * debug_token scopes whose {@code target_ids} name the WABAs a business token may manage. Meta renamed the
         * management scope in June 2026 (reference §3.2): tokens carry whatsapp_business_manage_events now,
         * whatsapp_business_management before. When none of them lists targets, the token must read the WABA.
         */
        @WithDefault("whatsapp_business_manage_events,whatsapp_business_management")
        List<String> acceptedScopes();
    }

    interface Hub {

        /** SHA-256 (lowercase hex) of each API key of this partner backend; several during a rotation. */
        List<String> apiKeySha256();

        /**
         * SHA-256 of each credentials key of this partner backend: keys distinct from the ordinary ones that also carry the
         * credentials permission, the only ones that may read a signup's business token
         * ({@code GET /v1/signups/{id}/business-token}, and only on a Tech Provider hub).
         */
        Optional<List<String>> credentialsApiKeySha256();

        /**
         * A hub that is a Meta Tech Provider runs its own WhatsApp integration and may take its customers' business tokens;
         * any other hub never gets one out of this service.
         */
        @WithDefault("false")
        boolean techProvider();

        /**
         * Hosts a hosted signup session may send the customer back to ({@code redirect_url}); {@code *.example.com}
         * allows subdomains. None: sessions of this hub take no redirect.
         */
        Optional<List<String>> allowedRedirectHosts();

        /** How this hub's hosted page starts Embedded Signup. */
        EmbeddedSignup embeddedSignup();

        /**
         * The hub's own Meta app, when it has one: its Embedded Signup codes are exchanged with this app's id and
         * secret and checked with its System User token. Without it the hub uses {@code token.graph}'s app.
         */
        Optional<MetaApp> meta();
    }

    /** A Meta app: the one that runs a hub's Embedded Signup. */
    interface MetaApp {

        String appId();

        String appSecret();

        /** A System User token of the app's business: the access token of debug_token calls. */
        String systemUserToken();
    }

    interface EmbeddedSignup {

        /** The Facebook Login for Business configuration of this hub; token.hosted.config-id when absent. */
        Optional<String> configId();

        /**
         * The Embedded Signup version, chosen in FB.login's extras (Meta's "Versions" page: v4 is the latest, v2 was
         * deprecated on 2026-10-15, v3 ran until October 2026). v4-public-preview opts into Meta's preview.
         */
        @WithDefault("v4")
        String version();

        /**
         * Flows the hub's sessions may ask for: default (a number on Cloud API) and coexistence (feature type
         * whatsapp_business_app_onboarding: a WhatsApp Business app number that stays in the app).
         */
        @WithDefault("default,coexistence")
        List<String> flows();
    }

    interface Keys {

        /** The key id new ciphertexts are sealed with. */
        String current();

        /** Key id to base64 of 32 random bytes (openssl rand -base64 32). Keep retired keys until nothing uses them. */
        Map<String, String> keys();
    }

    /** A default ring and the rings of the hubs that have their own. */
    interface TransportKeys {

        String current();

        /** Key id to base64 of 32 random bytes. */
        Map<String, String> keys();

        /** Per hub id ({@code token.hubs.<hub>}), a ring of its own replacing the default one. */
        Map<String, Keys> hubs();
    }
}
