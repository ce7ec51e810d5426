package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.link.hub.Hub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds the 360Dialog signup or permission URL of a validated request, signed for this one link. */
final class SignedLinkBuilder {

    private SignedLinkBuilder() {
    }

    /**
     * The link's {@code partner} parameter is its id, whatever the partner asked for: 360Dialog stores it on the client
     * the customer creates as {@code partner_payload} (reference §1.1, §3.5), which is how waba-provisioner tells that a
     * client belongs to this link (the redirect itself is unsigned). The id is random and only the partner learns it;
     * the partner's own {@code partner} value stays on the link (and in its events) but is not sent to 360Dialog.
     */
    static SignedLink build(Hub hub, ValidLinkRequest request, UUID linkId, String ioState, String callbackUrl, long ioTimestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        putIfPresent(params, "email", request.email());
        putIfPresent(params, "name", request.name());
        putIfPresent(params, "number", request.number());
        params.put("partner", linkId.toString());
        putIfPresent(params, "next", request.next());
        putIfPresent(params, "lang", request.lang());
        putIfPresent(params, "plan_selection", request.planSelection());
        if (request.connectClientUser()) {
            params.put("connect_client_user", "true");
            params.put("client_id", request.clientId());
        }
        params.put("state", ioState);
        params.put("redirect_url", callbackUrl);
        params.put("io_timestamp", Long.toString(ioTimestamp));
        params.put("io_signature", IoSignature.sign(hub.partnerId(), ioTimestamp, hub.platformSecret().current(),
                hub.signatureEncoding()));

        String base = request.kind() == LinkKind.PERMISSION ? hub.permissionUrl() : hub.signupUrl();
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String url = base + (base.contains("?") ? "&" : "?") + query;
        return new SignedLink(url, Collections.unmodifiableMap(params), ioState, ioTimestamp);
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    /** RFC 3986 encoding: a space is %20, not '+', which some URL parsers keep literally. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
