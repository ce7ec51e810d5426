package com.bsp.onboarding.providers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every error answer of Graph and 360Dialog into a {@link ProviderException}, keeping the provider's
 * error (Graph's {@code {"error":{...}}}, or 360Dialog's {@code {"detail":...}}) and classifying it once
 * ({@link GraphErrorCodes}). A body that is not JSON (a proxy's page) keeps only the status.
 */
public class ProviderErrorMapper implements ResponseExceptionMapper<ProviderException> {

    // Its own reader: error bodies must be read whatever a service's naming or strictness settings are.
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(@JsonProperty("error") GraphError error, @JsonProperty("detail") String detail) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GraphError(@JsonProperty("code") Integer code, @JsonProperty("error_subcode") Integer subcode,
            @JsonProperty("type") String type, @JsonProperty("message") String message,
            @JsonProperty("fbtrace_id") String fbtraceId) {
    }

    @Override
    public ProviderException toThrowable(Response response) {
        int status = response.getStatus();
        ErrorBody body = read(response);
        GraphError error = body == null ? null : body.error();
        if (error == null) {
            return new ProviderException("provider call", status, null, null, null, body == null ? null : body.detail(), null,
                    GraphErrorCodes.classify(status, null));
        }
        return new ProviderException("provider call", status, error.code(), error.subcode(), error.type(), error.message(),
                error.fbtraceId(), GraphErrorCodes.classify(status, error.code()));
    }

    private static ErrorBody read(Response response) {
        try {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            return text == null || text.isBlank() ? null : JSON.readValue(text, ErrorBody.class);
        } catch (Exception e) {
            return null;
        }
    }
}
