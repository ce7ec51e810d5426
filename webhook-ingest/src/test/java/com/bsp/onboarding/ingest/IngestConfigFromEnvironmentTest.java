package com.bsp.onboarding.ingest;

import static com.bsp.onboarding.ingest.support.IngestConfigs.fromEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deployment sets the Meta apps by environment variable (Kubernetes Secrets), without ingest.meta. */
class IngestConfigFromEnvironmentTest {

    @Test
    void readsNamedMetaAppsFromEnvironmentVariablesAndNeedsNoSingleApp() {
        IngestConfig ingest = fromEnvironment(Map.of(
                "INGEST_META_APPS_ACME_APP_ID", "1111",
                "INGEST_META_APPS_ACME_APP_SECRET", "acme-secret",
                "INGEST_META_APPS_ACME_VERIFY_TOKEN", "acme-token",
                "INGEST_META_APPS_GLOBEX_APP_ID", "2222",
                "INGEST_META_APPS_GLOBEX_APP_SECRET", "globex-secret",
                "INGEST_META_APPS_GLOBEX_PREVIOUS_APP_SECRET", "globex-old",
                "INGEST_META_APPS_GLOBEX_VERIFY_TOKEN", "globex-token"));

        assertTrue(ingest.meta().isEmpty());
        assertEquals(2, ingest.metaApps().size());
        assertEquals("1111", ingest.metaApps().get("acme").appId());
        assertEquals("acme-secret", ingest.metaApps().get("acme").appSecret());
        assertEquals(Optional.empty(), ingest.metaApps().get("acme").previousAppSecret());
        assertEquals("globex-old", ingest.metaApps().get("globex").previousAppSecret().orElseThrow());
        assertEquals("globex-token", ingest.metaApps().get("globex").verifyToken());
    }

    @Test
    void keepsTheSingleAppNextToTheNamedOnes() {
        IngestConfig ingest = fromEnvironment(Map.of(
                "INGEST_META_APP_SECRET", "single-secret",
                "INGEST_META_VERIFY_TOKEN", "single-token",
                "INGEST_META_APPS_ACME_APP_ID", "1111",
                "INGEST_META_APPS_ACME_APP_SECRET", "acme-secret",
                "INGEST_META_APPS_ACME_VERIFY_TOKEN", "acme-token"));

        assertEquals("single-secret", ingest.meta().orElseThrow().appSecret());
        assertEquals("single-token", ingest.meta().orElseThrow().verifyToken());
        assertEquals(1, ingest.metaApps().size());
        assertEquals("acme-secret", ingest.metaApps().get("acme").appSecret());
    }
}
