package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.token.TokenServiceConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every hub's {@link HubSignupSettings}, checked at start-up: a hub configured with an unknown flow or a
 * malformed version stops the service instead of failing its customers' pages.
 */
@Startup
@ApplicationScoped
public class HubSignupSettingsRegistry {

    /** v4, v4-public-preview, ...: goes into the page's data attributes, so plain tokens only. */
    private static final Pattern VERSION = Pattern.compile("v[0-9]+(-[a-z-]+)?");
    private static final Pattern CONFIG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, HubSignupSettings> byHub = new HashMap<>();

    public HubSignupSettingsRegistry(TokenServiceConfig token, HostedSignupConfig hosted) {
        token.hubs().forEach((hubId, hub) -> {
            TokenServiceConfig.EmbeddedSignup es = hub.embeddedSignup();
            String configId = es.configId().orElse(hosted.configId());
            if (!CONFIG_ID.matcher(configId).matches()) {
                throw new IllegalStateException("token.hubs." + hubId + ".embedded-signup.config-id is not a configuration id");
            }
            if (!VERSION.matcher(es.version()).matches()) {
                throw new IllegalStateException("token.hubs." + hubId + ".embedded-signup.version must look like v4, was " + es.version());
            }
            Set<SignupFlow> flows = EnumSet.noneOf(SignupFlow.class);
            for (String name : es.flows()) {
                flows.add(SignupFlow.fromWire(name.strip()).orElseThrow(() -> new IllegalStateException(
                        "token.hubs." + hubId + ".embedded-signup.flows: unknown flow '" + name + "' (default, coexistence)")));
            }
            byHub.put(hubId, new HubSignupSettings(hubId, configId, es.version(), Set.copyOf(flows),
                    List.copyOf(hub.allowedRedirectHosts().orElse(List.of()))));
        });
    }

    /** The settings of a configured hub (callers are authenticated, so their hub exists). */
    public HubSignupSettings of(String hubId) {
        HubSignupSettings settings = byHub.get(hubId);
        if (settings == null) {
            throw new IllegalStateException("no hub " + hubId);
        }
        return settings;
    }
}
