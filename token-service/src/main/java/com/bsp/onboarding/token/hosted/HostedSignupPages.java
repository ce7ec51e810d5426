package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.token.TokenServiceConfig;
import com.bsp.onboarding.token.meta.MetaApps;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.runtime.Startup;
import com.bsp.onboarding.token.meta.MetaApps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTML of the hosted page and of its dead links, with the headers that keep the session token in the
 * page: no caching, no Referer, and a Content-Security-Policy that runs only this page's nonce-tagged script
 * and the SDK. Built at start-up so a malformed origin setting stops the service instead of one page.
 */
@Startup
@ApplicationScoped
public class HostedSignupPages {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final Template signup;
    private final Template unavailable;
    private final MetaApps apps;
    private final String graphVersion;
    private final HubSignupSettingsRegistry hubs;
    private final String sdkUrl;
    private final String allowedMessageOrigins;
    private final String sdkOrigin;
    /** Where the SDK may frame, fetch and load images from: its own origin and the allowed message hosts. */
    private final String facebookSources;

    public HostedSignupPages(@Location("hosted/signup.html") Template signup, @Location("hosted/unavailable.html") Template unavailable,
            TokenServiceConfig token, HostedSignupConfig hosted, HubSignupSettingsRegistry hubs, MetaApps apps) {
        this.signup = signup;
        this.unavailable = unavailable;
        this.apps = apps;
        this.graphVersion = token.graph().version();
        this.hubs = hubs;
        this.sdkUrl = hosted.sdkUrl();
        this.sdkOrigin = originOf(hosted.sdkUrl());
        List<String> hosts = hosted.allowedMessageOrigins().stream().map(HostedSignupPages::checkedHost).toList();
        this.allowedMessageOrigins = String.join(",", hosts);
        this.facebookSources = sdkOrigin + hosts.stream().map(h -> " https://" + h + " https://*." + h).collect(Collectors.joining());
    }

    /**
     * The Embedded Signup page of an open session: its hub's configuration and ES version, the session's flow
     * (feature type) and prefill, and where to send the customer when the flow ends.
     */
    public Response signup(SignupSession session) {
        HubSignupSettings hub = hubs.of(session.hubId());
        String nonce = SessionTokens.newNonce();
        String html = signup.data("nonce", nonce).data("appId", apps.of(session.hubId()).appId()).data("graphVersion", graphVersion).data("configId", hub.configId())
                .data("esVersion", hub.esVersion()).data("featureType", session.flow().featureType().orElse(""))
                .data("prefill", session.prefill() == null ? "" : session.prefill().toString())
                .data("sessionId", session.id().toString())
                .data("redirectUrl", session.redirectUrl() == null ? "" : session.redirectUrl())
                .data("sdkUrl", sdkUrl).data("allowedMessageOrigins", allowedMessageOrigins).render();
        String csp = "default-src 'none'; script-src 'nonce-" + nonce + "' " + sdkOrigin + "; style-src 'nonce-" + nonce + "'; "
                + "img-src 'self' data: " + facebookSources + "; connect-src 'self' " + facebookSources + "; "
                + "frame-src " + facebookSources + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return page(200, html, csp);
    }

    /** The page of a link that cannot be completed: unknown (404), used or expired (410). */
    public Response unavailable(Optional<SignupSession> session) {
        int status;
        String title;
        String message;
        if (session.isEmpty()) {
            status = 404;
            title = "Signup link not found";
            message = "This link is not valid. Check that you opened the whole link, or ask the company that sent it for a new one.";
        } else if (SignupSession.USED.equals(session.get().status()) && SignupSession.COMPLETED.equals(session.get().outcome())) {
            status = 410;
            title = "Signup already completed";
            message = "Your WhatsApp Business account was connected with this link. You can close this page.";
        } else if (SignupSession.USED.equals(session.get().status())) {
            status = 410;
            title = "Signup link already used";
            message = "This link was used before and cannot be used again. Ask the company that sent it for a new one.";
        } else {
            status = 410;
            title = "Signup link expired";
            message = "This link has expired. Ask the company that sent it for a new one.";
        }
        String nonce = SessionTokens.newNonce();
        String html = unavailable.data("nonce", nonce).data("title", title).data("message", message).render();
        return page(status, html, "default-src 'none'; style-src 'nonce-" + nonce + "'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'");
    }

    private static Response page(int status, String html, String csp) {
        return Response.status(status).type("text/html;charset=UTF-8").entity(html)
                .header("Content-Security-Policy", csp)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String originOf(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("token.hosted.sdk-url is not a URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalStateException("token.hosted.sdk-url must be an absolute http(s) URL");
        }
        return scheme + "://" + checkedHost(uri.getHost()) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Hosts go into a header and into the page's origin check: plain DNS names only. */
    private static String checkedHost(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(value).matches()) {
            throw new IllegalStateException("Not a host name in the token.hosted settings: " + host);
        }
        return value;
    }
}
