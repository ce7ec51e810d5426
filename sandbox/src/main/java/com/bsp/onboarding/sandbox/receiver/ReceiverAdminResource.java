package com.bsp.onboarding.sandbox.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Fault switches of the partner webhook receivers, beside the sandbox's other admin endpoints under /_sandbox. */
@Path("/_sandbox/partner-receiver/{name: [A-Za-z0-9._-]{1,64}}/faults")
@Tag(name = "Sandbox admin", description = "Call counts, fault injection, latency, state and webhooks on demand")
public class ReceiverAdminResource {

    /** Longer than any sender's timeout, short enough that a forgotten hang ends by itself. */
    static final long MAX_DELAY_MILLIS = 600_000;

    private final PartnerReceivers receivers;
    private final ObjectMapper json = new ObjectMapper();

    public ReceiverAdminResource(PartnerReceivers receivers) {
        this.receivers = receivers;
    }

    @Schema(description = "How the receiver answers its next `times` requests: `http_status`, after `delay_millis` "
            + "(a hang: longer than the sender's timeout)")
    public record Fault(
            @Schema(description = "How many requests; -1 until cleared", defaultValue = "-1") Long times,
            @Schema(description = "The status answered", defaultValue = "500") Integer httpStatus,
            @Schema(description = "Milliseconds before answering, up to " + MAX_DELAY_MILLIS, defaultValue = "0") Long delayMillis) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make the receiver fail (answer 500, or another status) or hang for its next requests")
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "400", description = "times 0, a status outside 100..599 or a delay out of range (problem+json)")
    public Response set(@PathParam("name") String name, Fault fault) {
        long times = fault == null || fault.times() == null ? -1 : fault.times();
        int status = fault == null || fault.httpStatus() == null ? 500 : fault.httpStatus();
        long delay = fault == null || fault.delayMillis() == null ? 0 : fault.delayMillis();
        if (times == 0 || times < -1) {
            return problem("times must be -1 (until cleared) or at least 1, was " + times);
        }
        if (status < 100 || status > 599) {
            return problem("http_status must be between 100 and 599, was " + status);
        }
        if (delay < 0 || delay > MAX_DELAY_MILLIS) {
            return problem("delay_millis must be between 0 and " + MAX_DELAY_MILLIS + ", was " + delay);
        }
        receivers.fault(name, new ReceiverFault(times, status, delay));
        return Response.noContent().build();
    }

    @DELETE
    @Operation(summary = "Answer 200 at once again")
    @APIResponse(responseCode = "204", description = "Cleared")
    public void clear(@PathParam("name") String name) {
        receivers.fault(name, ReceiverFault.NONE);
    }

    private Response problem(String detail) {
        return Response.status(400).type("application/problem+json").entity(json.createObjectNode().put("type", "about:blank")
                .put("title", "Invalid fault").put("status", 400).put("detail", detail).toString()).build();
    }
}
