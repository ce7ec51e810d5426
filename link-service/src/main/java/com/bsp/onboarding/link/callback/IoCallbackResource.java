package com.bsp.onboarding.link.callback;

import com.bsp.onboarding.link.callback.IoRedirect.MalformedRedirectException;
import com.bsp.onboarding.link.links.Link;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The {@code redirect_url} of every link: the customer's browser lands here from 360Dialog. On success
 * it is forwarded to the caller's redirect target with the outcome, or shown a result page.
 */
@Path("/io/callback")
@Tag(name = "Integrated Onboarding callback", description = "Browser redirect back from 360Dialog")
public class IoCallbackResource {

    private static final String NO_STORE = "no-store";

    private final CallbackService callbacks;
    private final Template completed;
    private final Template refused;

    public IoCallbackResource(CallbackService callbacks,
            @Location("callback/completed.html") Template completed,
            @Location("callback/refused.html") Template refused) {
        this.callbacks = callbacks;
        this.completed = completed;
        this.refused = refused;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "360Dialog's redirect back with client, channels, revoked and state")
    @APIResponse(responseCode = "303", description = "Completed; forwarded to the caller's redirect target")
    @APIResponse(responseCode = "200", description = "Completed; result page (no redirect target was given). For a "
            + "popup-mode link (popup_origin) the page posts window.location.search to window.opener at that origin and closes")
    @APIResponse(responseCode = "400", description = "Malformed redirect; nothing recorded")
    @APIResponse(responseCode = "403", description = "The link was issued for another client than the redirect names; nothing recorded")
    @APIResponse(responseCode = "404", description = "Unknown state; nothing recorded")
    @APIResponse(responseCode = "409", description = "State already used; nothing recorded")
    @APIResponse(responseCode = "410", description = "Link expired; nothing recorded")
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("client") String client,
            @QueryParam("channels") String channels, @QueryParam("revoked") String revoked) {
        IoRedirect redirect;
        try {
            redirect = IoRedirect.parse(state, client, channels, revoked);
        } catch (MalformedRedirectException e) {
            return Uni.createFrom().item(refusedPage(400, "This sign-up could not be completed", e.getMessage()));
        }
        return callbacks.complete(redirect).map(this::respond);
    }

    private Response respond(CallbackOutcome outcome) {
        if (outcome instanceof CallbackOutcome.Completed done) {
            return completedResponse(done.link());
        }
        if (outcome instanceof CallbackOutcome.AlreadyUsed) {
            return refusedPage(409, "This sign-up was already completed",
                    "Each sign-up link can be used once. Your earlier sign-up was recorded; nothing more to do.");
        }
        if (outcome instanceof CallbackOutcome.ClientMismatch) {
            return refusedPage(403, "This sign-up does not match its link",
                    "This link was issued for another 360Dialog account. Nothing was recorded; ask for a new link.");
        }
        if (outcome instanceof CallbackOutcome.Expired) {
            return refusedPage(410, "This sign-up link has expired",
                    "Ask for a new link and complete the sign-up before it expires.");
        }
        return refusedPage(404, "This sign-up link is not known",
                "The link may have been mistyped or belongs to another service. Ask for a new link.");
    }

    private Response completedResponse(Link link) {
        String popupOrigin = link.request().popupOrigin();
        if (popupOrigin != null) {
            String nonce = ResultPageSecurity.nonce();
            String html = completed.data("channels", link.channelList()).data("nonce", nonce)
                    .data("popupOrigin", ResultPageSecurity.jsonStringLiteral(popupOrigin)).render();
            return page(200, html, ResultPageSecurity.policyWithScript(nonce));
        }
        if (link.request().redirectTarget() == null) {
            return page(200, completed.data("channels", link.channelList()).data("popupOrigin", null).render(),
                    ResultPageSecurity.policy());
        }
        return Response.seeOther(forwardUri(link)).header("Cache-Control", NO_STORE).build();
    }

    /** The caller's target with the outcome appended, keeping its own query. */
    static URI forwardUri(Link link) {
        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("status", "completed");
        outcome.put("link_id", link.id().toString());
        outcome.put("client", link.clientId());
        outcome.put("channels", bracketList(link.channelList()));
        if (!link.revokedChannelList().isEmpty()) {
            outcome.put("revoked", bracketList(link.revokedChannelList()));
        }
        String callerState = link.request().callerState();
        if (callerState != null) {
            outcome.put("state", callerState);
        }
        String query = outcome.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        String target = link.request().redirectTarget().toString();
        return URI.create(target + (URI.create(target).getRawQuery() == null ? "?" : "&") + query);
    }

    private static String bracketList(List<String> ids) {
        return "[" + String.join(",", ids) + "]";
    }

    private Response refusedPage(int status, String title, String message) {
        return page(status, refused.data("title", title).data("message", message).render(), ResultPageSecurity.policy());
    }

    private static Response page(int status, String html, String contentSecurityPolicy) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html).header("Cache-Control", NO_STORE)
                .header(ResultPageSecurity.HEADER, contentSecurityPolicy).build();
    }
}
