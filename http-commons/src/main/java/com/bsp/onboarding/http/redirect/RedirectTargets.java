package com.bsp.onboarding.http.redirect;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where a partner may send its customer's browser back to: an absolute https URL (no user info, no fragment)
 * on a host the partner's hub allow-lists. One rule for every redirect a partner sets (IO links, hosted
 * signup sessions), so an open redirect cannot open through one of them.
 */
public final class RedirectTargets {

    public static final int MAX_LENGTH = 2048;

    private RedirectTargets() {
    }

    /**
     * The target, or null after adding to {@code errors} why {@code value} is none; null without an error for a
     * null value. {@code loopbackHttp} also accepts http to localhost or 127.0.0.1 (RFC 8252 §7.3), for a local
     * stack; production leaves it off.
     */
    public static URI check(String value, String field, List<String> allowedHosts, boolean loopbackHttp, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = uri.getHost() != null && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
            if (!(scheme.equals("https") || loopbackHttp && loopback && scheme.equals("http")) || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an absolute https URL"));
            } else if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                errors.add(new FieldError(field, "must not carry user info or a fragment"));
            } else if (!hostAllowed(uri.getHost(), allowedHosts)) {
                errors.add(new FieldError(field, "host '" + uri.getHost() + "' is not an allowed redirect host of this hub"));
            } else {
                return uri;
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a valid URL"));
        }
        return null;
    }

    /** Exact host match, or a {@code *.suffix} entry matching any subdomain of suffix (not suffix itself). */
    public static boolean hostAllowed(String host, List<String> allowedHosts) {
        String candidate = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            String rule = allowed.toLowerCase(Locale.ROOT);
            if (rule.startsWith("*.") ? candidate.endsWith(rule.substring(1)) : candidate.equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
