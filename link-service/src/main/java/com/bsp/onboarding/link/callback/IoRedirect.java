package com.bsp.onboarding.link.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query of 360Dialog's redirect back: {@code client=<id>&channels=[a,b]&revoked=[c]&state=<s>}.
 * The lists are square brackets around comma-separated ids, not JSON; quotes are tolerated anyway
 * because the format is only documented by example.
 */
public record IoRedirect(String state, String client, List<String> channels, List<String> revoked) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** Ids per list at most: one customer's numbers (360Dialog names no maximum; the URL's length caps it too). */
    static final int MAX_IDS = 50;

    /** A malformed redirect: which parameter, and why. Nothing is recorded for it. */
    public static final class MalformedRedirectException extends RuntimeException {
        public MalformedRedirectException(String message) {
            super(message, null, false, false);
        }
    }

    public static IoRedirect parse(String state, String client, String channels, String revoked) {
        if (state == null || !STATE.matcher(state).matches()) {
            throw new MalformedRedirectException("The redirect carries no valid state.");
        }
        if (client == null || !ID.matcher(client).matches()) {
            throw new MalformedRedirectException("The redirect carries no valid client id.");
        }
        return new IoRedirect(state, client, idList("channels", channels), idList("revoked", revoked));
    }

    static List<String> idList(String name, String raw) {
        String value = Optional.ofNullable(raw).map(String::strip).orElse("");
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        } else if (value.startsWith("[") || value.endsWith("]")) {
            throw new MalformedRedirectException("The redirect's " + name + " list is not closed.");
        }
        List<String> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            String id = part.strip();
            if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
                id = id.substring(1, id.length() - 1);
            }
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new MalformedRedirectException("The redirect's " + name + " list holds an invalid id.");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
            if (ids.size() > MAX_IDS) {
                throw new MalformedRedirectException("The redirect's " + name + " list holds more than " + MAX_IDS + " ids.");
            }
        }
        return List.copyOf(ids);
    }
}
