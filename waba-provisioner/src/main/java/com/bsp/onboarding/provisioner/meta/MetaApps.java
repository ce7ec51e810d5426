package com.bsp.onboarding.provisioner.meta;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.ProvisionerConfig.Meta.MetaHub;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The configured Meta apps: one per hub of {@code provisioner.meta.hubs}, or the one of {@code provisioner.meta.*}. */
@ApplicationScoped
public class MetaApps {

    private final MetaApp defaults;
    private final Map<String, MetaApp> byHub = new TreeMap<>();

    public MetaApps(ProvisionerConfig config) {
        ProvisionerConfig.Meta meta = config.meta();
        this.defaults = new MetaApp(null, meta.appId(), meta.systemUserToken(), meta.creditLineId(), meta.partnerBusinessId(),
                meta.currency(), meta.mode(), meta.webhookOnboarding());
        meta.hubs().forEach((hub, settings) -> byHub.put(hub, merge(hub, settings)));
    }

    private MetaApp merge(String hub, MetaHub h) {
        return new MetaApp(hub, h.appId().orElse(defaults.appId()), h.systemUserToken().orElse(defaults.systemUserToken()),
                h.creditLineId().or(defaults::creditLineId), h.partnerBusinessId().or(defaults::partnerBusinessId),
                h.currency().orElse(defaults.currency()), h.mode().orElse(defaults.mode()),
                h.webhookOnboarding().orElse(defaults.webhookOnboarding()));
    }

    /** The app of a WABA's hub; the default app for a hub without Meta settings of its own (or none). */
    public MetaApp forHub(String hubId) {
        MetaApp app = hubId == null ? null : byHub.get(hubId);
        return app != null ? app : defaults;
    }

    /** A hub of {@code provisioner.meta.hubs} by name. */
    public Optional<MetaApp> hub(String hubId) {
        return Optional.ofNullable(hubId == null ? null : byHub.get(hubId));
    }

    public boolean severalHubs() {
        return !byHub.isEmpty();
    }

    /**
     * The apps configured with this Meta app id: the hubs that use it, or (with no hub using it) the default
     * app when it is that app. Several answers mean the event alone cannot tell the hub.
     */
    public List<MetaApp> withAppId(String appId) {
        String id = appId == null ? defaults.appId() : appId;
        List<MetaApp> hubs = byHub.values().stream().filter(app -> id.equals(app.appId())).toList();
        if (!hubs.isEmpty()) {
            return hubs;
        }
        return id.equals(defaults.appId()) ? List.of(defaults) : List.of();
    }
}
