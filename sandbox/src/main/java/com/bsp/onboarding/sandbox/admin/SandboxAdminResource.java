package com.bsp.onboarding.sandbox.admin;

import com.bsp.onboarding.emulator.FaultSpec;
import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.emulator.SignupFlow;
import com.bsp.onboarding.emulator.SignupOptions;
import com.bsp.onboarding.emulator.TokenScopes;
import com.bsp.onboarding.sandbox.hub.HubSignups;
import com.bsp.onboarding.sandbox.meta.MetaWebhooks;
import com.bsp.onboarding.sandbox.webhooks.WebhookDeliveries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sandbox's admin API, for tests and demos: everything the test emulator's {@code /_emulator} offers
 * (so {@code new EmulatorAdmin(url, "/_sandbox")} drives it), plus Meta webhooks on demand, the state of a
 * WABA and the log of sent webhooks. No authentication: the sandbox never runs outside a test or demo.
 */
@Path("/_sandbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox admin", description = "Call counts, fault injection, latency, state and webhooks on demand")
public class SandboxAdminResource {

    private final ProviderCore core;
    private final HubSignups hub;
    private final MetaWebhooks metaWebhooks;
    private final com.bsp.onboarding.sandbox.hub.PartnerWebhooks partnerWebhooks;
    private final java.util.Map<String, com.bsp.onboarding.sandbox.SandboxConfig.Hub> hubs;
    /** Ids of hosted-signup WABAs: numeric like Graph's, from the clock so they differ from earlier runs'. */
    private final java.util.concurrent.atomic.AtomicLong hostedIds = new java.util.concurrent.atomic.AtomicLong(
            System.currentTimeMillis() * 1_000 + 500_000_000L);
    private final WebhookDeliveries deliveries;
    private final ObjectMapper json = new ObjectMapper();

    public SandboxAdminResource(ProviderCore core, HubSignups hub, MetaWebhooks metaWebhooks, WebhookDeliveries deliveries,
            com.bsp.onboarding.sandbox.hub.PartnerWebhooks partnerWebhooks, com.bsp.onboarding.sandbox.SandboxConfig config) {
        this.partnerWebhooks = partnerWebhooks;
        this.hubs = config.hubs();
        this.core = core;
        this.hub = hub;
        this.metaWebhooks = metaWebhooks;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/calls")
    @Operation(summary = "The provider calls received: {calls:[{operation,target,authorization,query,body,at}], count}")
    public Response calls(@Parameter(description = "Only this operation") @QueryParam("operation") String operation,
            @Parameter(description = "Only calls on this target (WABA, phone number, channel, ...)") @QueryParam("target") String target) {
        return json(core.calls(operation, target));
    }

    @GET
    @Path("/account-sharing")
    @Operation(summary = "360Dialog's account sharing: the clients created and the numbers handed over ({clients:[...], numbers:[...]})")
    public Response accountSharing() {
        return json(core.accountSharing());
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Per operation: calls, distinct targets, and the most calls one target got")
    public Response summary() {
        return json(core.summary());
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inject a fault")
    @APIResponse(responseCode = "204", description = "Injected")
    public void addFault(AdminRequests.Fault fault) {
        if (fault == null) {
            throw new BadRequestException("A fault is required");
        }
        core.addFault(FaultSpec.of(fault.operation(), fault.target(), fault.times(), fault.rate(), fault.httpStatus(), fault.code(), fault.subcode(),
                fault.drop()));
    }

    @DELETE
    @Path("/faults")
    @Operation(summary = "Clear all faults")
    @APIResponse(responseCode = "204", description = "Cleared")
    public void clearFaults() {
        core.clearFaults();
    }

    @POST
    @Path("/latency")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delay every call, or one operation's calls, or the next calls on a target "
            + "(waited on a timer, the call takes effect after it)")
    @APIResponse(responseCode = "204", description = "Set")
    public void latency(AdminRequests.Latency latency) {
        if (latency == null || latency.millis() < 0) {
            throw new BadRequestException("millis >= 0 is required");
        }
        Duration delay = Duration.ofMillis(latency.millis());
        if (latency.target() != null || latency.times() != null) {
            core.slowNext(latency.operation(), latency.target(), latency.times() == null ? -1 : latency.times(), delay);
        } else {
            core.latency(latency.operation(), delay);
        }
    }

    @POST
    @Path("/codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish an Embedded Signup without the popup: a fresh WABA, business, number and their code")
    @APIResponse(responseCode = "201", description = "{code, app_id, waba_id, business_id, phone_number_id, issued_at, expires_at}; "
            + "with count, a list of them")
    @APIResponse(responseCode = "400", description = "count out of range (problem+json)")
    public Response issueCode(AdminRequests.Code code) {
        String appId = code == null ? null : code.appId();
        SignupOptions options;
        try {
            options = signupOptions(code);
        } catch (IllegalArgumentException e) {
            return problem(400, "Invalid signup", e.getMessage());
        }
        if (code == null || code.count() == null) {
            return created(core.issueCode(appId, options).toJson());
        }
        int count = code.count();
        if (count < 1 || count > AdminRequests.Code.MAX_CODES) {
            return problem(400, "Invalid count", "count must be between 1 and " + AdminRequests.Code.MAX_CODES + ", was " + count);
        }
        ArrayNode codes = json.createArrayNode();
        for (int i = 0; i < count; i++) {
            codes.add(core.issueCode(appId, options).toJson());
        }
        return created(codes);
    }

    private static SignupOptions signupOptions(AdminRequests.Code code) {
        SignupOptions options = SignupOptions.defaults();
        if (code == null) {
            return options;
        }
        options = options.withAge(Duration.ofMillis(code.ageMs() == null ? 0 : code.ageMs())).withFlow(SignupFlow.fromWire(code.flow()));
        if (code.scopes() != null) {
            options = options.withScopes(TokenScopes.fromWire(code.scopes()));
        }
        return Boolean.TRUE.equals(code.tokenReachesOtherWaba()) ? options.reachingOtherWaba() : options;
    }

    @POST
    @Path("/token-scopes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the scope names debug_token lists for new signups' tokens",
            description = "manage_events (Meta since June 2026, the default), management (before June 2026), no_targets (scope "
                    + "names without target_ids). Signups issued with their own scopes keep theirs; reset restores sandbox.meta.token-scopes.")
    @APIResponse(responseCode = "204", description = "Chosen")
    @APIResponse(responseCode = "400", description = "Unknown scopes (problem+json)")
    public Response tokenScopes(AdminRequests.TokenScopesChoice choice) {
        try {
            core.defaultTokenScopes(TokenScopes.fromWire(choice == null ? null : choice.scopes()));
        } catch (IllegalArgumentException e) {
            return problem(400, "Invalid token scopes", e.getMessage());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/seed")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make Meta know a WABA, its business and a phone number")
    @APIResponse(responseCode = "204", description = "Seeded")
    public void seed(AdminRequests.Seed seed) {
        if (seed == null || seed.wabaId() == null) {
            throw new BadRequestException("waba_id is required");
        }
        core.seed(seed.wabaId(), seed.businessId(), seed.phoneNumberId(), Boolean.TRUE.equals(seed.registered()));
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Forget all state: WABAs, codes, tokens, channels, calls, faults, latency, hub signups, webhook log")
    @APIResponse(responseCode = "204", description = "Reset")
    public void reset() {
        core.reset();
        hub.reset();
        deliveries.clear();
    }

    @GET
    @Path("/wabas/{wabaId}")
    @Operation(summary = "What Meta knows of a WABA: business, numbers (registered?), subscribed apps, credit allocation, signup")
    @APIResponse(responseCode = "200", description = "The WABA")
    @APIResponse(responseCode = "404", description = "Meta knows nothing of it")
    public Response waba(@PathParam("wabaId") String wabaId) {
        return core.waba(wabaId).map(SandboxAdminResource::json)
                .orElseGet(() -> Response.status(404).entity(text(json.createObjectNode().put("detail", "Meta knows no WABA " + wabaId))).build());
    }

    @POST
    @Path("/meta/account-update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a signed account_update webhook for a WABA (e.g. PARTNER_REMOVED to offboard it)",
            description = "Answers the webhook body at once; delivery to sandbox.meta.webhook-url happens in the background, "
                    + "retried on any answer but 200 (see GET /_sandbox/webhooks).")
    @APIResponse(responseCode = "202", description = "The webhook body, queued for delivery")
    @APIResponse(responseCode = "400", description = "waba_id or event missing")
    public Response accountUpdate(AdminRequests.AccountUpdate update) {
        if (update == null || isBlank(update.wabaId()) || isBlank(update.event())) {
            throw new BadRequestException("waba_id and event are required");
        }
        String owner = update.ownerBusinessId() != null ? update.ownerBusinessId() : core.businessOf(update.wabaId()).orElse(null);
        try {
            JsonNode body = metaWebhooks.accountUpdate(update.wabaId(), update.event(), owner, update.details(), update.appId());
            return Response.accepted(text(body)).build();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @POST
    @Path("/meta/hosted-signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A customer finished Meta-hosted Embedded Signup: a new WABA, business and number shared with an app, "
            + "announced only by PARTNER_ADDED and PARTNER_APP_INSTALLED (no code)",
            description = "Both webhooks go to that app's webhook URL, signed with its secret. Answers the ids and the two bodies.")
    @APIResponse(responseCode = "202", description = "{waba_id, business_id, phone_number_id, app_id, webhooks:[...]}")
    @APIResponse(responseCode = "400", description = "Unknown app")
    public Response hostedSignup(AdminRequests.HostedSignup signup) {
        String appId = signup == null ? null : signup.appId();
        String waba = String.valueOf(hostedIds.incrementAndGet());
        String business = String.valueOf(hostedIds.incrementAndGet());
        String phone = String.valueOf(hostedIds.incrementAndGet());
        try {
            ObjectNode body = json.createObjectNode().put("waba_id", waba).put("business_id", business).put("phone_number_id", phone);
            core.seed(waba, business, phone, signup != null && Boolean.TRUE.equals(signup.registered()));
            JsonNode added = metaWebhooks.accountUpdate(waba, "PARTNER_ADDED", business, null, appId);
            JsonNode installed = metaWebhooks.accountUpdate(waba, "PARTNER_APP_INSTALLED", business, null, appId);
            body.put("app_id", added.at("/entry/0/changes/0/value/waba_info/partner_app_id").asText());
            body.putArray("webhooks").add(added).add(installed);
            return Response.accepted(text(body)).type(MediaType.APPLICATION_JSON).build();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @POST
    @Path("/hub/{hubId}/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a signed 360Dialog partner webhook, e.g. channel_revoked (a channel revoked after it was provisioned), "
            + "account_violation or account_restriction",
            description = "360Dialog documents no channel revocation event: channel_revoked with status revoked is an assumption.")
    @APIResponse(responseCode = "202", description = "The webhook body, queued for delivery to the hub's webhook-url")
    @APIResponse(responseCode = "400", description = "event missing")
    @APIResponse(responseCode = "404", description = "Unknown hub, or a hub without webhook-url")
    public Response partnerWebhook(@PathParam("hubId") String hubId, AdminRequests.PartnerWebhook webhook) {
        if (webhook == null || isBlank(webhook.event())) {
            throw new BadRequestException("event is required");
        }
        com.bsp.onboarding.sandbox.SandboxConfig.Hub config = hubs.get(hubId);
        return java.util.Optional.ofNullable(config)
                .flatMap(h -> partnerWebhooks.send(h, webhook.event(), webhook.channelId(), webhook.clientId(), webhook.status(),
                        webhook.details()))
                .map(body -> Response.accepted(text(body)).type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> problem(404, "Not Found", "No hub " + hubId + " with a webhook-url"));
    }

    @GET
    @Path("/webhooks")
    @Operation(summary = "The webhooks sent (newest 1000): source, event, url, status (pending, delivered, failed), attempts, body")
    public Response webhooks() {
        ObjectNode body = json.createObjectNode();
        body.set("webhooks", deliveries.list(json));
        body.set("counts", json.valueToTree(deliveries.counts()));
        return json(body);
    }

    /**
     * JSON trees leave as text: Quarkus REST generates reflection-free serializers for the entity types
     * resource methods declare, and one generated for ObjectNode writes its bean properties, not its content.
     */
    private static Response json(JsonNode body) {
        return Response.ok(text(body), MediaType.APPLICATION_JSON).build();
    }

    private static Response created(JsonNode body) {
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(text(body)).build();
    }

    private Response problem(int status, String title, String detail) {
        ObjectNode body = json.createObjectNode().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(text(body)).build();
    }

    private static String text(JsonNode body) {
        return body.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
