package com.bsp.onboarding.token.meta;

import com.bsp.onboarding.token.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The Meta app of each hub: its own ({@code token.hubs.<hub>.meta}) or the default one ({@code token.graph}).
 * A code is issued for the app whose configuration started Embedded Signup, so it is exchanged with that app's
 * id and secret, never another hub's.
 */
@ApplicationScoped
public class MetaApps {

    /** The credentials of one Meta app; the secret and token never leave this service. */
    public record MetaApp(String appId, String appSecret, String systemUserToken) {

        @Override
        public String toString() {
            return "MetaApp[" + appId + "]";
        }
    }

    private final MetaApp fallback;
    private final Map<String, MetaApp> byHub = new HashMap<>();

    public MetaApps(TokenServiceConfig config) {
        TokenServiceConfig.Graph graph = config.graph();
        this.fallback = new MetaApp(graph.appId(), graph.appSecret(), graph.systemUserToken());
        config.hubs().forEach((hubId, hub) -> hub.meta()
                .ifPresent(app -> byHub.put(hubId, new MetaApp(app.appId(), app.appSecret(), app.systemUserToken()))));
    }

    public MetaApp of(String hubId) {
        return byHub.getOrDefault(hubId, fallback);
    }
}
