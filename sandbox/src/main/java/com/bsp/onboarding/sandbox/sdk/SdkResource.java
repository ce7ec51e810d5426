package com.bsp.onboarding.sandbox.sdk;

import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.emulator.SignupFlow;
import com.bsp.onboarding.emulator.SignupOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.bsp.onboarding.sandbox.SandboxConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Facebook JS SDK stand-in: {@code sdk.js} (window.FB with init and login), the Embedded Signup popup
 * it opens, and the endpoint that popup gets a code from. Page and scripts are plain files on the class
 * path, served with the headers a browser needs from them.
 */
@Path("/sdk")
@Tag(name = "Facebook JS SDK stand-in", description = "Loaded by the hosted Embedded Signup page; the popup calls it")
public class SdkResource {

    private static final String JAVASCRIPT = "application/javascript;charset=UTF-8";

    private final ProviderCore core;
    private final SandboxConfig config;
    private final String sdkScript = classpathText("sdk/sdk.js");
    private final String popupPage;
    private final String popupScript = classpathText("sdk/signup.js");

    public SdkResource(ProviderCore core, SandboxConfig config) {
        this.core = core;
        this.config = config;
        String retired = String.join(",", config.meta().retiredEsVersions().stream()
                .filter(v -> v.matches("v[0-9a-z.-]{1,32}")).toList());
        this.popupPage = classpathText("sdk/signup.html").replace("{retiredVersions}", retired);
    }

    @GET
    @Path("/sdk.js")
    @Produces(JAVASCRIPT)
    @Operation(summary = "The SDK: window.FB with init(opts) and login(callback, opts); calls window.fbAsyncInit")
    public Response sdk() {
        // The hosted page loads the SDK with crossorigin="anonymous", so the script is fetched with CORS.
        return Response.ok(sdkScript).header("Access-Control-Allow-Origin", "*").header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/signup")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Embedded Signup popup: Finish, Cancel or Error (buttons #finish, #cancel, #error)")
    public Response popup() {
        return Response.ok(popupPage)
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/signup.js")
    @Produces(JAVASCRIPT)
    @Operation(summary = "The popup's script")
    public Response popupScript() {
        return Response.ok(popupScript).header("Cache-Control", "no-cache").build();
    }

    @POST
    @Path("/signup/codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish an Embedded Signup: a new WABA and business, a phone number unless the flow has none, and a code",
            description = "The code can be exchanged once, within sandbox.code-ttl, at GET /graph/{version}/oauth/access_token. "
                    + "message is the WA_EMBEDDED_SIGNUP message Meta posts for this finish.")
    @APIResponse(responseCode = "201", description = "The code, the ids, and the finish message",
            content = @Content(schema = @Schema(implementation = CodeIssued.class)))
    @APIResponse(responseCode = "400", description = "app_id is not the sandbox's app (sandbox.meta.app-id), or an unknown flow")
    public Response issueCode(CodeRequest request) {
        String appId = request == null || request.appId() == null || request.appId().isBlank() ? null : request.appId();
        if (appId != null && !appId.equals(config.meta().appId())) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "FB.init used app id '" + appId + "'; the sandbox's app is sandbox.meta.app-id")).build();
        }
        SignupFlow flow;
        try {
            flow = SignupFlow.fromWire(request == null ? null : request.flow());
        } catch (IllegalArgumentException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
        IssuedCode issued = core.issueCode(appId, SignupOptions.defaults().withFlow(flow));
        return Response.status(201).entity(new CodeIssued(issued.code(), issued.wabaId(), issued.businessId(),
                issued.phoneNumberId(), issued.expiresAt().toString(), issued.finishMessage())).build();
    }

    /** What the popup knows: FB.init's app id, FB.login's config id, and how the customer finished. */
    public record CodeRequest(String appId, String configId, String flow) {
    }

    public record CodeIssued(String code, String wabaId, String businessId, String phoneNumberId, String expiresAt,
            @Schema(implementation = Object.class) JsonNode message) {
    }

    private static String classpathText(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
