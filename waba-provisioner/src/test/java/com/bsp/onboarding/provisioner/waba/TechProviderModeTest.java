package com.bsp.onboarding.provisioner.waba;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TechProviderModeTest.TechProvider.class)
class TechProviderModeTest {

    public static class TechProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("provisioner.meta.mode", "tech-provider");
        }
    }

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    @Test
    void aTechProviderSubscribesAndRegistersButSharesNoCreditLine() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        EmulatorAdmin graph = new EmulatorAdmin(emulatorUrl);
        graph.seed("waba-" + n, "business-" + n, "phone-" + n, false);

        InputTopics.sendSignup(InputTopics.signup("waba-" + n, "business-" + n, "phone-" + n, "token"));

        JsonPath waba = ProvisioningWabasTest.awaitStatus("waba-" + n, "provisioned");
        assertEquals("skipped", waba.getString("credit_sharing"));
        assertEquals(List.of("done", "skipped", "skipped", "skipped", "skipped", "skipped", "done", "skipped", "done"),
                waba.getList("steps.status"));
        assertEquals(0, graph.count("share_credit_line", "waba-" + n));
        assertEquals(1, graph.count("subscribe_app", "waba-" + n));
        assertEquals(1, graph.count("register", "phone-" + n));
    }
}
