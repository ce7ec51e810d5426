package com.bsp.onboarding.http.openapi;

import com.bsp.onboarding.http.auth.ApiKeyAuthenticationMechanism;
import com.bsp.onboarding.http.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
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
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The security schemes of the keys {@link ApiKeyAuthenticationMechanism} takes, declared here once for every service's
 * OpenAPI document. A resource requires one by name ({@code @SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)});
 * this filter, found by Quarkus in the index and run at build time, adds the definitions of the schemes the document's
 * operations require, and only those, so a service's document shows the keys it takes, and to each such operation
 * the problem+json 401 the mechanism answers without a valid key (unless the operation documents its own 401). A
 * scheme a service defines itself under the same name is left as it is.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiKeySecuritySchemes implements OASFilter {

    /** A partner hub's API key ({@code HubApiKeys}). */
    public static final String HUB_KEY = "apiKey";

    /** An operator's key ({@code OpsApiKeys}). */
    public static final String OPS_KEY = "opsKey";

    private static final String HOW = " as 'Authorization: Bearer <key>' or '" + ApiKeyAuthenticationMechanism.API_KEY_HEADER + ": <key>'";

    /** A key's scheme description and the 401 of an operation requiring it. */
    private record Key(String description, String unauthorized) {
    }

    private static final Map<String, Key> KEYS = keys();

    private static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Set<String> required = new HashSet<>(names(openAPI.getSecurity()));
        for (Operation operation : operations(openAPI)) {
            List<String> schemes = names(operation.getSecurity());
            required.addAll(schemes);
            schemes.stream().filter(KEYS::containsKey).findFirst().ifPresent(scheme -> answersUnauthorized(openAPI, operation, scheme));
        }
        KEYS.forEach((name, key) -> {
            if (!required.contains(name)) {
                return;
            }
            Components components = components(openAPI);
            if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(name)) {
                components.addSecurityScheme(name, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description(key.description()));
            }
        });
    }

    private static void answersUnauthorized(OpenAPI openAPI, Operation operation, String scheme) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().hasAPIResponse("401")) {
            return;
        }
        MediaType problem = OASFactory.createMediaType();
        // The schema SmallRye made of Problem where a resource names it; without one the media type alone.
        Components components = openAPI.getComponents();
        if (components != null && components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM_SCHEMA)) {
            problem.schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
        operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description(KEYS.get(scheme).unauthorized()).content(content));
    }

    private static Components components(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        return openAPI.getComponents();
    }

    /** In a fixed order, so the document is the same at every build. */
    private static Map<String, Key> keys() {
        Map<String, Key> keys = new LinkedHashMap<>();
        keys.put(HUB_KEY, new Key("An API key of your partner hub," + HOW, "No valid API key"));
        keys.put(OPS_KEY, new Key("An ops key," + HOW, "No ops key, or an unknown one"));
        return keys;
    }

    private static List<Operation> operations(OpenAPI openAPI) {
        List<Operation> operations = new ArrayList<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                if (path.getOperations() != null) {
                    operations.addAll(path.getOperations().values());
                }
            }
        }
        return operations;
    }

    private static List<String> names(List<SecurityRequirement> requirements) {
        List<String> names = new ArrayList<>();
        if (requirements != null) {
            requirements.forEach(requirement -> {
                if (requirement.getSchemes() != null) {
                    names.addAll(requirement.getSchemes().keySet());
                }
            });
        }
        return names;
    }
}
