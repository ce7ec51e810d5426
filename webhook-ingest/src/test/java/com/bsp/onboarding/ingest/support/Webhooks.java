package com.bsp.onboarding.ingest.support;

import static io.restassured.RestAssured.given;

import com.bsp.onboarding.testing.kafka.TopicReader;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Posts webhooks as Meta and 360Dialog do, signed independently of the service's own code. */
public final class Webhooks {

    public static final String META_APP_SECRET = "app-secret-for-tests";
    public static final String META_PREVIOUS_APP_SECRET = "app-secret-before-rotation";
    public static final String META_VERIFY_TOKEN = "verify-token-for-tests";
    /** Two Meta apps of their own routes, /webhooks/meta/{appId}. */
    public static final String ACME_APP_ID = "1111111111111111";
    public static final String ACME_APP_SECRET = "acme-app-secret-for-tests";
    public static final String ACME_VERIFY_TOKEN = "acme-verify-token";
    public static final String GLOBEX_APP_ID = "2222222222222222";
    public static final String GLOBEX_APP_SECRET = "globex-app-secret-for-tests";
    public static final String GLOBEX_PREVIOUS_APP_SECRET = "globex-app-secret-before-rotation";
    public static final String GLOBEX_VERIFY_TOKEN = "globex-verify-token";
    public static final String PARTNER_ID = "aAbBcCPA";
    public static final String PLATFORM_SECRET = "pl4tf0rm-s3cret-for-tests";
    public static final String GUARDED_PARTNER_ID = "gUaRdEdPA";
    public static final String GUARDED_PLATFORM_SECRET = "guarded-platform-secret";
    /** The alpha hub's channel auth key; the guarded hub has none, so it has no channel route. */
    public static final String CHANNEL_AUTH_KEY = "ch4nnel-auth-key-for-tests";
    /** The alpha hub's key before its rotation, still accepted. */
    public static final String PREVIOUS_CHANNEL_AUTH_KEY = "ch4nnel-auth-key-before-rotation";
    /** A hub not yet migrated to derived values: its channels still carry one shared value. */
    public static final String LEGACY_PARTNER_ID = "lEgAcYPA";
    public static final String LEGACY_CHANNEL_AUTH_VALUE = "legacy-shared-channel-auth";
    public static final String CHANNEL_AUTH_HEADER = "X-Channel-Auth";

    private Webhooks() {
    }

    public static ValidatableResponse postMeta(byte[] body, String signatureHeader) {
        return postMetaTo("/webhooks/meta", body, signatureHeader);
    }

    /** Posts to one Meta app's own callback, signed with {@code secret}. */
    public static ValidatableResponse postMetaApp(String appId, byte[] body, String secret) {
        return postMetaTo("/webhooks/meta/" + appId, body, "sha256=" + hmacSha256Hex(secret, body));
    }

    private static ValidatableResponse postMetaTo(String path, byte[] body, String signatureHeader) {
        var request = given().contentType("application/json").body(body);
        if (signatureHeader != null) {
            request.header("X-Hub-Signature-256", signatureHeader);
        }
        return request.when().post(path).then();
    }

    public static ValidatableResponse postMetaSigned(byte[] body) {
        return postMeta(body, "sha256=" + hmacSha256Hex(META_APP_SECRET, body));
    }

    public static ValidatableResponse post360(String partnerId, byte[] body, String signatureHeader, String... extraHeaders) {
        var request = given().contentType("application/json").body(body);
        if (signatureHeader != null) {
            request.header("x-360dialog-signature", signatureHeader);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            request.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return request.when().post("/webhooks/360dialog/{partnerId}", partnerId).then();
    }

    /** Posts as 360Dialog posts a channel's messaging webhook: unsigned, with the headers set on the channel's webhook. */
    public static ValidatableResponse post360Channel(String partnerId, String channelId, byte[] body, String... headers) {
        var request = given().contentType("application/json").body(body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.when().post("/webhooks/360dialog/{partnerId}/channels/{channelId}", partnerId, channelId).then();
    }

    /** The auth header value of the alpha hub's channel {@code channelId} under its current key. */
    public static String channelAuth(String channelId) {
        return channelAuth(CHANNEL_AUTH_KEY, PARTNER_ID, channelId);
    }

    /** base64url(HMAC-SHA256(key, "channel-webhook" NUL partner NUL channel)), computed here as the provisioner would. */
    public static String channelAuth(String key, String partnerId, String channelId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(("channel-webhook\0" + partnerId + "\0" + channelId).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw records whose value is exactly {@code body}. */
    public static List<ConsumerRecord<String, byte[]>> rawRecordsOf(String topic, byte[] body) {
        return TopicReader.readAllBytes(topic).stream().filter(r -> Arrays.equals(r.value(), body)).collect(Collectors.toList());
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
