package com.bsp.onboarding.ingest.meta;

import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.IngestConfig.MetaApp;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Meta apps whose webhooks this service takes: the single app of {@code /webhooks/meta}
 * ({@code ingest.meta.*}, optional) and the named apps of {@code /webhooks/meta/{appId}}
 * ({@code ingest.meta-apps.<name>.*}). Built at start-up, so a misconfigured app stops the service.
 */
@Singleton
@Startup
public class MetaCallbacks {

    private final Optional<MetaCallback> single;
    private final Map<String, MetaCallback> byAppId;

    public MetaCallbacks(IngestConfig config) {
        this.single = config.meta().map(meta -> new MetaCallback(null, meta.appSecret(), meta.previousAppSecret(), meta.verifyToken()));
        Map<String, MetaCallback> apps = new HashMap<>();
        config.metaApps().forEach((name, app) -> {
            String appId = app.appId().strip();
            if (appId.isEmpty() || apps.put(appId, callbackOf(appId, app)) != null) {
                throw new IllegalStateException("ingest.meta-apps." + name + ".app-id is empty or used by another app");
            }
        });
        this.byAppId = Map.copyOf(apps);
    }

    Optional<MetaCallback> single() {
        return single;
    }

    Optional<MetaCallback> ofApp(String appId) {
        return Optional.ofNullable(appId).map(byAppId::get);
    }

    private static MetaCallback callbackOf(String appId, MetaApp app) {
        return new MetaCallback(appId, app.appSecret(), app.previousAppSecret(), app.verifyToken());
    }
}
