package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.transport.EndpointAddresses;
import com.bsp.onboarding.partnerwebhooks.transport.EndpointAddresses.RefusedAddressException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Checks what a hub asks for an endpoint, collecting every broken rule (422 problem+json, nothing stored):
 * an absolute http(s) URL (https only when delivery.require-https) without user info or fragment, whose host
 * resolves to public addresses only (unless delivery.allow-private-addresses), and event types of the
 * catalogue. The URL never appears in an error: its query may hold the hub's own token.
 */
@ApplicationScoped
public class EndpointValidator {

    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 500;

    private final boolean requireHttps;
    private final EndpointAddresses addresses;

    public EndpointValidator(PartnerWebhooksConfig config, EndpointAddresses addresses) {
        this.requireHttps = config.delivery().requireHttps();
        this.addresses = addresses;
    }

    /** @param url null: not being changed */
    Uni<Void> check(String url, boolean urlRequired, String description, List<String> eventTypes) {
        List<FieldError> errors = new ArrayList<>();
        URI parsed = url == null ? null : parse(url, errors);
        if (url == null && urlRequired) {
            errors.add(new FieldError("url", "is required"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (eventTypes != null) {
            for (String type : eventTypes) {
                if (type == null || !PartnerEventTypes.ALL.contains(type)) {
                    errors.add(new FieldError("event_types", "unknown event type '" + type + "'; known: "
                            + String.join(", ", PartnerEventTypes.ALL)));
                }
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(invalid(errors).exception());
        }
        if (parsed == null) {
            return Uni.createFrom().voidItem();
        }
        return addresses.resolve(parsed).replaceWithVoid().onFailure(RefusedAddressException.class)
                .transform(e -> invalid(List.of(new FieldError("url", e.getMessage() + ": endpoints must be public"))).exception());
    }

    /** The filter as stored: null for every type, else the distinct names in the order given. */
    static String[] filter(List<String> eventTypes) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            return null;
        }
        return new LinkedHashSet<>(eventTypes).toArray(String[]::new);
    }

    private URI parse(String url, List<FieldError> errors) {
        if (url.length() > MAX_URL) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "is not a valid URL"));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int before = errors.size();
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            errors.add(new FieldError("url", requireHttps ? "must be an https:// URL" : "must be an http:// or https:// URL"));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            errors.add(new FieldError("url", "must name a host"));
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("url", "must not carry user info"));
        }
        if (uri.getRawFragment() != null) {
            errors.add(new FieldError("url", "must not have a fragment"));
        }
        return errors.size() == before ? uri : null;
    }

    static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(Problem.TYPE_PREFIX + "invalid-endpoint", "Invalid endpoint", 422, detail, null, errors, null, null);
    }
}
