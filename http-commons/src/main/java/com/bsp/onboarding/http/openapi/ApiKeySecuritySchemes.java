package com.bsp.onboarding.http.openapi;

import com.bsp.onboarding.http.auth.ApiKeyAuthenticationMechanism;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The security schemes of the keys {@link ApiKeyAuthenticationMechanism} takes, declared here once for every service's
 * OpenAPI document. A resource requires one by name ({@code @SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)});
 * this filter, found by Quarkus in the index and run at build time, adds the definitions of the schemes the document's
 * operations require, and only those, so a service's document shows the keys it takes. A scheme a service defines
 * itself under the same name is left as it is.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiKeySecuritySchemes implements OASFilter {

    /** A partner hub's API key ({@code HubApiKeys}). */
    public static final String HUB_KEY = "apiKey";

    /** An operator's key ({@code OpsApiKeys}). */
    public static final String OPS_KEY = "opsKey";

    private static final String HOW = " as 'Authorization: Bearer <key>' or '" + ApiKeyAuthenticationMechanism.API_KEY_HEADER + ": <key>'";

    private static final Map<String, String> DESCRIPTIONS = descriptions();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Set<String> required = requiredSchemes(openAPI);
        DESCRIPTIONS.forEach((name, description) -> {
            if (!required.contains(name)) {
                return;
            }
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            Components components = openAPI.getComponents();
            if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(name)) {
                components.addSecurityScheme(name, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description(description));
            }
        });
    }

    private static Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put(HUB_KEY, "An API key of your partner hub," + HOW);
        descriptions.put(OPS_KEY, "An ops key," + HOW);
        return descriptions;
    }

    private static Set<String> requiredSchemes(OpenAPI openAPI) {
        Set<String> required = new HashSet<>();
        addNames(openAPI.getSecurity(), required);
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                if (path.getOperations() != null) {
                    for (Operation operation : path.getOperations().values()) {
                        addNames(operation.getSecurity(), required);
                    }
                }
            }
        }
        return required;
    }

    private static void addNames(List<SecurityRequirement> requirements, Set<String> names) {
        if (requirements != null) {
            requirements.forEach(requirement -> {
                if (requirement.getSchemes() != null) {
                    names.addAll(requirement.getSchemes().keySet());
                }
            });
        }
    }
}
