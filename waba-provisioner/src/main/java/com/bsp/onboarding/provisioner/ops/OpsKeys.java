package com.bsp.onboarding.provisioner.ops;

import com.bsp.onboarding.http.auth.OpsApiKeys;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** The ops API's keys: only their SHA-256 is configured, several during a rotation. */
public class OpsKeys {

    /** {@code provisioner.ops.api-key-sha256}: comma-separated lowercase hex SHA-256 of each ops key. */
    @ConfigMapping(prefix = "provisioner.ops")
    public interface OpsConfig {
        List<String> apiKeySha256();
    }

    @Produces
    @ApplicationScoped
    OpsApiKeys opsApiKeys(OpsConfig config) {
        return OpsApiKeys.of(config.apiKeySha256());
    }
}
