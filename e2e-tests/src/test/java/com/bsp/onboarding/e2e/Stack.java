package com.bsp.onboarding.e2e;

import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The whole system as in production: a real Kafka broker (KRaft), PostgreSQL with one database per
 * service, the sandbox in place of Meta and 360Dialog, and the five packaged services as separate
 * processes configured only through environment variables. Started once per test JVM.
 */
public final class Stack {

    public static final String API_KEY = "e2e-api-key";
    /** The demo hub's credentials key: the only key that fetches a channel's API key from waba-provisioner. */
    public static final String CREDENTIALS_KEY = "e2e-credentials-key";
    /** The key of waba-provisioner's ops API (role ops). */
    public static final String OPS_KEY = "e2e-ops-key";
    public static final String PARTNER_ID = "demoPartner";
    static final String PLATFORM_SECRET = "e2e-platform-secret";
    static final String APP_ID = "e2e-app";
    static final String APP_SECRET = "e2e-app-secret";
    static final String SYSTEM_USER_TOKEN = "e2e-system-user-token";
    static final String CHANNEL_AUTH = "e2e-channel-auth-key";

    private static Stack instance;

    public final ServiceProcess sandbox;
    public final ServiceProcess linkService;
    public final ServiceProcess webhookIngest;
    public final ServiceProcess tokenService;
    public final ServiceProcess wabaProvisioner;
    public final ServiceProcess partnerWebhooks;

    private Stack() throws InterruptedException {
        Path root = Path.of(System.getProperty("project.root", ".."));
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        String kafka = EmbeddedKafkaBroker.shared().bootstrapServers();
        for (String database : List.of("link_service_e2e", "token_service_e2e", "waba_provisioner_e2e", "partner_webhooks_e2e")) {
            TestDatabaseResource.recreate(database);
        }
        String transportKey = randomKey();
        String apiKeyHash = sha256(API_KEY);

        sandbox = new ServiceProcess("sandbox", root.resolve("sandbox"), logs, "256m");
        linkService = new ServiceProcess("link-service", root.resolve("link-service"), logs, "256m");
        webhookIngest = new ServiceProcess("webhook-ingest", root.resolve("webhook-ingest"), logs, "256m");
        tokenService = new ServiceProcess("token-service", root.resolve("token-service"), logs, "256m");
        wabaProvisioner = new ServiceProcess("waba-provisioner", root.resolve("waba-provisioner"), logs, "256m");
        partnerWebhooks = new ServiceProcess("partner-webhooks", root.resolve("partner-webhooks"), logs, "256m");
        String sandboxUrl = sandbox.baseUrl();
        String ingestUrl = webhookIngest.baseUrl();

        sandbox.with("SANDBOX_META_APP_ID", APP_ID)
                .with("SANDBOX_META_APP_SECRET", APP_SECRET)
                .with("SANDBOX_META_SYSTEM_USER_TOKEN", SYSTEM_USER_TOKEN)
                .with("SANDBOX_META_WEBHOOK_URL", ingestUrl + "/webhooks/meta")
                .with("SANDBOX_HUBS_DEMO_PARTNER_ID", PARTNER_ID)
                .with("SANDBOX_HUBS_DEMO_PLATFORM_SECRET", PLATFORM_SECRET)
                .with("SANDBOX_HUBS_DEMO_WEBHOOK_URL", ingestUrl + "/webhooks/360dialog/" + PARTNER_ID)
                .with("SANDBOX_META_CREDIT_LINE_ID", "credit-line-1")
                .with("SANDBOX_HUB_RUNNING_DELAY", "1s");
        linkService.withAll(database("link_service_e2e", kafka))
                .with("LINK_PUBLIC_BASE_URL", linkService.baseUrl())
                .with("LINK_HUBS_DEMO_PARTNER_ID", PARTNER_ID)
                .with("LINK_HUBS_DEMO_PLATFORM_SECRET", PLATFORM_SECRET)
                .with("LINK_HUBS_DEMO_PAYMENT_MODE", "direct")
                .with("LINK_HUBS_DEMO_ALLOWED_REDIRECT_HOSTS", "localhost")
                .with("LINK_HUBS_DEMO_SIGNUP_BASE_URL", sandboxUrl + "/hub/signup/{partnerId}")
                .with("LINK_HUBS_DEMO_PERMISSION_BASE_URL", sandboxUrl + "/hub/permissions/{partnerId}")
                .with("LINK_HUBS_DEMO_API_KEY_SHA256", apiKeyHash);
        webhookIngest.with("KAFKA_BOOTSTRAP_SERVERS", kafka)
                .with("INGEST_META_APP_SECRET", APP_SECRET)
                .with("INGEST_META_VERIFY_TOKEN", "e2e-verify-token")
                .with("INGEST_DIALOG360_DEMO_PARTNER_ID", PARTNER_ID)
                .with("INGEST_DIALOG360_DEMO_PLATFORM_SECRET", PLATFORM_SECRET)
                .with("INGEST_DIALOG360_DEMO_CHANNEL_AUTH_KEY", CHANNEL_AUTH);
        tokenService.withAll(database("token_service_e2e", kafka))
                .with("TOKEN_GRAPH_BASE_URL", sandboxUrl + "/graph")
                .with("TOKEN_GRAPH_APP_ID", APP_ID)
                .with("TOKEN_GRAPH_APP_SECRET", APP_SECRET)
                .with("TOKEN_GRAPH_SYSTEM_USER_TOKEN", SYSTEM_USER_TOKEN)
                .with("TOKEN_HOSTED_CONFIG_ID", "e2e-config")
                .with("TOKEN_HOSTED_PUBLIC_BASE_URL", tokenService.baseUrl())
                .with("TOKEN_HOSTED_SDK_URL", sandboxUrl + "/sdk/sdk.js")
                .with("TOKEN_HOSTED_ALLOWED_MESSAGE_ORIGINS", "facebook.com,localhost")
                .with("TOKEN_STORAGE_KEYS_CURRENT", "k1")
                .with("TOKEN_STORAGE_KEYS_KEYS_K1", randomKey())
                .with("TOKEN_TRANSPORT_KEYS_CURRENT", "t1")
                .with("TOKEN_TRANSPORT_KEYS_KEYS_T1", transportKey)
                .with("TOKEN_HUBS_DEMO_API_KEY_SHA256", apiKeyHash)
                // The "partner app" a session sends its customer back to: the sandbox, over http on localhost.
                .with("TOKEN_HUBS_DEMO_ALLOWED_REDIRECT_HOSTS", "localhost")
                .with("TOKEN_HOSTED_LOOPBACK_HTTP_REDIRECTS", "true");
        wabaProvisioner.withAll(database("waba_provisioner_e2e", kafka))
                .with("PROVISIONER_META_BASE_URL", sandboxUrl + "/graph")
                .with("PROVISIONER_META_APP_ID", APP_ID)
                .with("PROVISIONER_META_SYSTEM_USER_TOKEN", SYSTEM_USER_TOKEN)
                .with("PROVISIONER_META_CREDIT_LINE_ID", "credit-line-1")
                .with("PROVISIONER_DIALOG360_PARTNER_API_URL", sandboxUrl + "/360dialog/partner/api/v2")
                .with("PROVISIONER_DIALOG360_MESSAGING_API_URL", sandboxUrl + "/360dialog/messaging")
                .with("PROVISIONER_HUBS_DEMO_PARTNER_ID", PARTNER_ID)
                .with("PROVISIONER_HUBS_DEMO_PARTNER_API_KEY", "e2e-partner-api-key")
                .with("PROVISIONER_HUBS_DEMO_PAYMENT_MODE", "direct")
                .with("PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_URL", ingestUrl + "/webhooks/360dialog/{partnerId}/channels/{channelId}")
                .with("PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_KEY", CHANNEL_AUTH)
                .with("PROVISIONER_STORAGE_KEYS_CURRENT", "s1")
                .with("PROVISIONER_STORAGE_KEYS_KEYS_S1", randomKey())
                .with("PROVISIONER_TRANSPORT_KEYS_CURRENT", "t1")
                .with("PROVISIONER_TRANSPORT_KEYS_KEYS_T1", transportKey)
                .with("PROVISIONER_RETRY_INITIAL_BACKOFF", "200ms")
                .with("PROVISIONER_RETRY_MAX_BACKOFF", "2s")
                .with("PROVISIONER_RETRY_MAX_ATTEMPTS", "20")
                .with("PROVISIONER_OPS_API_KEY_SHA256", sha256(OPS_KEY))
                // The hub's ordinary key is known here (it is refused the credential hand-off, 403) beside its
                // credentials key, the one that may fetch a channel's API key.
                .with("PROVISIONER_HUBS_DEMO_API_KEY_SHA256", apiKeyHash)
                .with("PROVISIONER_HUBS_DEMO_CREDENTIALS_API_KEY_SHA256", sha256(CREDENTIALS_KEY));
        partnerWebhooks.withAll(database("partner_webhooks_e2e", kafka))
                .with("PARTNER_WEBHOOKS_HUBS_DEMO_API_KEY_SHA256", apiKeyHash)
                .with("PARTNER_WEBHOOKS_STORAGE_KEYS_CURRENT", "s1")
                .with("PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_S1", randomKey())
                // The partner's receivers listen in the test JVM, on 127.0.0.1 over plain HTTP: never so in production.
                .with("PARTNER_WEBHOOKS_DELIVERY_REQUIRE_HTTPS", "false")
                .with("PARTNER_WEBHOOKS_DELIVERY_ALLOW_PRIVATE_ADDRESSES", "true");

        // Launched together and awaited together: the machine has two cores, start-up is the long part. Stopped at
        // exit also when one never became ready: the others would otherwise outlive the test run.
        List<ServiceProcess> all = List.of(sandbox, linkService, webhookIngest, tokenService, wabaProvisioner,
                partnerWebhooks);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(service -> {
            try {
                service.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        all.forEach(ServiceProcess::launch);
        for (ServiceProcess service : all) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    public static synchronized Stack get() throws InterruptedException {
        if (instance == null) {
            instance = new Stack();
        }
        return instance;
    }

    private static java.util.Map<String, String> database(String name, String kafka) {
        return java.util.Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabaseResource.reactiveUrl(name),
                "QUARKUS_DATASOURCE_JDBC_URL", TestDatabaseResource.jdbcUrl(name));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
