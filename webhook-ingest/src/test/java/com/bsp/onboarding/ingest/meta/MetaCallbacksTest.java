package com.bsp.onboarding.ingest.meta;

import static com.bsp.onboarding.ingest.support.IngestConfigs.fromEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaCallbacksTest {

    @Test
    void withoutASingleAppTheSingleAppRouteHasNoCallbackAndTheNamedAppsHaveTheirs() {
        MetaCallbacks callbacks = new MetaCallbacks(fromEnvironment(Map.of(
                "INGEST_META_APPS_ACME_APP_ID", "1111",
                "INGEST_META_APPS_ACME_APP_SECRET", "acme-secret",
                "INGEST_META_APPS_ACME_VERIFY_TOKEN", "acme-token")));

        assertTrue(callbacks.single().isEmpty());
        assertTrue(callbacks.ofApp("1111").isPresent());
        assertTrue(callbacks.ofApp("2222").isEmpty());
        assertTrue(callbacks.ofApp(null).isEmpty());
        assertEquals(404, new MetaWebhookResource(null, callbacks).verify("subscribe", "acme-token", "1").getStatus());
        assertEquals(200, new MetaWebhookResource(null, callbacks).verifyApp("1111", "subscribe", "acme-token", "1").getStatus());
    }

    @Test
    void refusesToStartWithTwoAppsOfOneAppId() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new MetaCallbacks(fromEnvironment(Map.of(
                "INGEST_META_APPS_ACME_APP_ID", "1111",
                "INGEST_META_APPS_ACME_APP_SECRET", "acme-secret",
                "INGEST_META_APPS_ACME_VERIFY_TOKEN", "acme-token",
                "INGEST_META_APPS_COPY_APP_ID", "1111",
                "INGEST_META_APPS_COPY_APP_SECRET", "copy-secret",
                "INGEST_META_APPS_COPY_VERIFY_TOKEN", "copy-token"))));
        assertTrue(refused.getMessage().contains("app-id"), refused.getMessage());
    }
}
