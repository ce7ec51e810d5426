package com.bsp.onboarding.link.links;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.link.hub.Hub;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code popup_origin} of a link: the origin of the partner page that opens the link in a popup
 * (360Dialog's popup mode, reference §1.3). The callback's result page posts {@code window.location.search}
 * to its opener with exactly this target origin, so it must be an origin and nothing else: https (or http on
 * localhost / 127.0.0.1, for a local stack), on a host the hub allows for redirects, without path, query,
 * fragment or user info.
 */
final class PopupOrigins {

    static final String FIELD = "popup_origin";
    private static final int MAX_LENGTH = 300;

    private PopupOrigins() {
    }

    /** The origin as browsers serialise it ({@code scheme://host[:port]}, default port left out), or null after an error. */
    static String check(String value, Hub hub, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            errors.add(new FieldError(FIELD, "must be at most " + MAX_LENGTH + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            errors.add(new FieldError(FIELD, "is not a valid origin"));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (host == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            errors.add(new FieldError(FIELD, "must be an https origin (http only for localhost), e.g. https://app.example.com"));
        } else if (uri.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            errors.add(new FieldError(FIELD, "must be an origin only: scheme, host and port, no path, query or fragment"));
        } else if (!hub.allowsRedirectHost(host)) {
            errors.add(new FieldError(FIELD, "host '" + host + "' is not an allowed redirect host of this hub"));
        } else {
            int defaultPort = scheme.equals("https") ? 443 : 80;
            return scheme + "://" + host + (uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
        }
        return null;
    }
}
