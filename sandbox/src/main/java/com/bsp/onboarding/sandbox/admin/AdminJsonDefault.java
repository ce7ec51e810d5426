package com.bsp.onboarding.sandbox.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admin API speaks JSON only, so its bodies are read as JSON whatever Content-Type came with them:
 * scripts and {@code curl -d} without -H send none, or form or text types, and would otherwise get 415.
 */
public class AdminJsonDefault {

    @ServerRequestFilter(preMatching = true)
    public void defaultToJson(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (path.startsWith("/_sandbox/") && (type == null || !type.toLowerCase(Locale.ROOT).contains("json"))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
