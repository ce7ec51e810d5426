package com.bsp.onboarding.sandbox.hub;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The 360Dialog hub pages a customer's browser goes through: link-service's signed signup and permission
 * links land here ({@code link.hubs.<hub>.signup-base-url=http://localhost:8090/hub/signup/{partnerId}}),
 * and the signup page's form completes the onboarding.
 */
@Path("/hub")
@Tag(name = "360Dialog hub", description = "Integrated Onboarding pages, opened by link-service's signed links")
public class HubResource {

    private final HubSignups signups;
    private final Template signupPage;
    private final Template refusedPage;
    private final Template completedPage;

    public HubResource(HubSignups signups, @Location("hub/signup.html") Template signupPage,
            @Location("hub/refused.html") Template refusedPage, @Location("hub/completed.html") Template completedPage) {
        this.signups = signups;
        this.signupPage = signupPage;
        this.refusedPage = refusedPage;
        this.completedPage = completedPage;
    }

    @GET
    @Path("/signup/{partnerId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A signed signup link: the customer's signup page (form button #complete)")
    @APIResponse(responseCode = "200", description = "The signup page")
    @APIResponse(responseCode = "403", description = "Missing or invalid io_signature (or, if configured, too old)")
    @APIResponse(responseCode = "404", description = "No hub has this partner id")
    @APIResponse(responseCode = "409", description = "The io_signature was used before (replay)")
    public Response signup(@PathParam("partnerId") String partnerId, @Context UriInfo uri) {
        return open(partnerId, "signup", uri);
    }

    @GET
    @Path("/permissions/{partnerId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A signed permission link (Direct Payment hubs): the same page, for granting channels")
    @APIResponse(responseCode = "200", description = "The permission page")
    @APIResponse(responseCode = "403", description = "Missing or invalid io_signature")
    @APIResponse(responseCode = "404", description = "No hub has this partner id")
    @APIResponse(responseCode = "409", description = "The io_signature was used before (replay)")
    public Response permissions(@PathParam("partnerId") String partnerId, @Context UriInfo uri) {
        return open(partnerId, "permissions", uri);
    }

    @POST
    @Path("/signup/{partnerId}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The customer completes the signup: client and channels are created, the browser sent back",
            description = "Redirects to the link's redirect_url (or the hub's default-redirect-url) with client, "
                    + "channels=[a,b] and state; then sends channel_created at once and channel_running after "
                    + "sandbox.hub-running-delay to the hub's webhook-url.")
    @APIResponse(responseCode = "303", description = "Sent back to the redirect URL")
    @APIResponse(responseCode = "200", description = "Completed; no redirect URL, so a result page")
    @APIResponse(responseCode = "404", description = "Unknown signup")
    @APIResponse(responseCode = "409", description = "The signup was completed before")
    public Response complete(@PathParam("partnerId") String partnerId, @FormParam("signup") String signupId,
            @FormParam("channels") String channels) {
        Integer count;
        try {
            count = channels == null || channels.isBlank() ? null : Integer.valueOf(channels.strip());
        } catch (NumberFormatException e) {
            return refused(new HubOutcome.Refused(400, "Invalid number of channels", "channels must be a number."));
        }
        HubOutcome outcome = signups.complete(partnerId, signupId, count);
        if (outcome instanceof HubOutcome.Completed done) {
            if (done.redirect() != null) {
                return Response.seeOther(done.redirect()).header("Cache-Control", "no-store").build();
            }
            return page(200, completedPage.data("clientId", done.clientId()).data("channelIds", done.channelIds())
                    .data("state", done.signup().param("state")).render());
        }
        return refused((HubOutcome.Refused) outcome);
    }

    private Response open(String partnerId, String kind, UriInfo uri) {
        Map<String, String> params = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> params.put(name, values.get(0)));
        HubOutcome outcome = signups.open(partnerId, kind, params);
        if (outcome instanceof HubOutcome.Opened opened) {
            HubSignup signup = opened.signup();
            return page(200, signupPage.data("signup", signup).data("permissions", "permissions".equals(kind))
                    .data("channels", signups.defaultChannels(signup)).render());
        }
        return refused((HubOutcome.Refused) outcome);
    }

    private Response refused(HubOutcome.Refused refused) {
        return page(refused.status(), refusedPage.data("title", refused.title()).data("message", refused.message()).render());
    }

    private static Response page(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store").build();
    }
}
