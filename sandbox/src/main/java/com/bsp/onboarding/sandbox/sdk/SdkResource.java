package com.bsp.onboarding.sandbox.sdk;

import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.emulator.ProviderCore;
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
    private final String popupPage = classpathText("sdk/signup.html");
    private final String popupScript = classpathText("sdk/signup.js");

    public SdkResource(ProviderCore core, SandboxConfig config) {
        this.core = core;
        this.config = config;
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
    @Operation(summary = "Finish an Embedded Signup: a new WABA, business and (unregistered) phone number, and a code for them",
            description = "The code can be exchanged once, within sandbox.code-ttl, at GET /graph/{version}/oauth/access_token.")
    @APIResponse(responseCode = "201", description = "The code and the ids the FINISH message carries",
            content = @Content(schema = @Schema(implementation = CodeIssued.class)))
    @APIResponse(responseCode = "400", description = "app_id is not the sandbox's app (sandbox.meta.app-id)")
    public Response issueCode(CodeRequest request) {
        String appId = request == null || request.appId() == null || request.appId().isBlank() ? null : request.appId();
        if (appId != null && !appId.equals(config.meta().appId())) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "FB.init used app id '" + appId + "'; the sandbox's app is sandbox.meta.app-id")).build();
        }
        IssuedCode issued = core.issueCode(appId);
        return Response.status(201).entity(new CodeIssued(issued.code(), issued.wabaId(), issued.businessId(),
                issued.phoneNumberId(), issued.expiresAt().toString())).build();
    }

    /** What the popup knows: FB.init's app id and FB.login's config id. */
    public record CodeRequest(String appId, String configId) {
    }

    public record CodeIssued(String code, String wabaId, String businessId, String phoneNumberId, String expiresAt) {
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
