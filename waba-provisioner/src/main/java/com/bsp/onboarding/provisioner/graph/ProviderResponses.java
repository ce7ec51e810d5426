package com.bsp.onboarding.provisioner.graph;

import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns raw provider responses into JSON or a {@link ProviderCallException} sorted by what the caller
 * can do about it (reference section 2.5): retry later, or give up with the provider's error kept.
 */
public final class ProviderResponses {

    /** Graph codes meaning "throttled or temporarily unavailable: retry later". */
    static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 341, 368, 613, 80007, 80008, 130429, 131000,
            131016, 131057, 133004, 133015);

    private final ObjectMapper json;
    private final Duration deadline;

    public ProviderResponses(ObjectMapper json, Duration deadline) {
        this.json = json;
        this.deadline = deadline;
    }

    /** Makes the call, waits at most the deadline, and reads the answer. */
    public Uni<JsonNode> call(String name, Supplier<Uni<Response>> request) {
        return Uni.createFrom().deferred(request::get)
                .ifNoItem().after(deadline).fail()
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onFailure(e -> !(e instanceof ProviderCallException)).transform(e -> unreachable(name, e))
                .map(response -> read(name, response));
    }

    private JsonNode read(String name, Response response) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonNode body = parse(text);
            int status = response.getStatus();
            if (status >= 200 && status < 300 && (body == null || !body.has("error"))) {
                return body == null ? json.createObjectNode() : body;
            }
            JsonNode error = body == null ? null : body.get("error");
            Integer code = error != null && error.has("code") ? error.get("code").asInt() : null;
            ProvisioningError kept = new ProvisioningError(status, code,
                    error != null && error.has("error_subcode") ? error.get("error_subcode").asInt() : null,
                    error != null ? textOrNull(error, "type") : null,
                    error != null ? textOrNull(error, "message") : body != null ? textOrNull(body, "detail") : null,
                    error != null ? textOrNull(error, "fbtrace_id") : null);
            boolean serverSide = status >= 500;
            boolean retryable = serverSide || status == 429 || (code != null && TRANSIENT_CODES.contains(code));
            // Throttling means "not done"; a server error may have happened halfway.
            throw new ProviderCallException(name, kept, retryable, serverSide);
        }
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * No answer. A refused connection proves the request never left; a timeout or a dropped connection
     * leaves it unknown. Only the exception class is kept: messages of HTTP clients may quote the URL.
     */
    private static ProviderCallException unreachable(String name, Throwable failure) {
        boolean neverSent = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            neverSent |= cause instanceof ConnectException;
        }
        return new ProviderCallException(name, new ProvisioningError(null, null, null, "transport",
                failure.getClass().getSimpleName(), null), true, !neverSent);
    }
}
