package com.bsp.onboarding.sandbox.providers;

import com.bsp.onboarding.emulator.EmulatedApp;
import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.emulator.ProviderSettings;
import com.bsp.onboarding.emulator.TokenScopes;
import com.bsp.onboarding.sandbox.SandboxConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one provider core of the sandbox: every route, the admin API and the SDK stand-in share its state. */
public class Providers {

    @Produces
    @Singleton
    ProviderCore core(SandboxConfig config) {
        SandboxConfig.Meta meta = config.meta();
        ProviderCore core = new ProviderCore(new ProviderSettings(meta.appId(), meta.appSecret(), meta.systemUserToken(),
                meta.creditLineId(), config.codeTtl(), TokenScopes.fromWire(meta.tokenScopes())));
        meta.apps().values().forEach(app -> core.addApp(new EmulatedApp(app.appId(), app.appSecret(), app.systemUserToken(),
                app.creditLineId())));
        return core;
    }
}
