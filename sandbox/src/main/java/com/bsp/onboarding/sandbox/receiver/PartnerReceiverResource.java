package com.bsp.onboarding.sandbox.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A partner platform's webhook endpoint, for the local stack: register {@code <sandbox>/partner-receiver/<name>}
 * at partner-webhooks, and read here what it delivered, headers and raw body included (demo.sh verifies the
 * signatures from them). Faults are set through {@code /_sandbox/partner-receiver/<name>/faults}.
 */
@Path("/partner-receiver/{name: [A-Za-z0-9._-]{1,64}}")
@Tag(name = "Partner webhook receiver", description = "Records the webhooks partner-webhooks delivers")
public class PartnerReceiverResource {

    private final PartnerReceivers receivers;
    private final ObjectMapper json = new ObjectMapper();

    public PartnerReceiverResource(PartnerReceivers receivers) {
        this.receivers = receivers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a webhook: recorded as it arrived, answered 200 (or as the receiver's fault says)")
    @APIResponse(responseCode = "200", description = "Received")
    public Uni<Response> receive(@PathParam("name") String name, @Context HttpHeaders headers, @Context UriInfo uri,
            byte[] body) {
        ReceivedRequest request = receivers.receive(name, "POST", uri.getPath(), flatten(headers),
                body == null ? new byte[0] : body);
        Response answer = Response.status(request.answeredStatus()).type(MediaType.APPLICATION_JSON)
                .entity(json.createObjectNode().put("received", request.sequence()).toString()).build();
        if (request.answerDelayMillis() == 0) {
            return Uni.createFrom().item(answer);
        }
        // On a timer, not a sleeping thread: a "hanging" receiver holds no event loop.
        return Uni.createFrom().item(answer).onItem().delayIt().by(Duration.ofMillis(request.answerDelayMillis()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What arrived, oldest first: {name, count, fault, requests:[{sequence, method, path, headers, "
            + "body, body_base64, received_at, answered_status, answer_delay_millis}]}")
    public String list(@PathParam("name") String name) {
        List<ReceivedRequest> received = receivers.received(name);
        ObjectNode out = json.createObjectNode().put("name", name).put("count", received.size());
        ReceiverFault fault = receivers.fault(name);
        out.set("fault", fault.active() ? json.createObjectNode().put("remaining", fault.remaining())
                .put("http_status", fault.status()).put("delay_millis", fault.delayMillis()) : null);
        ArrayNode requests = out.putArray("requests");
        for (ReceivedRequest r : received) {
            ObjectNode item = requests.addObject().put("sequence", r.sequence()).put("method", r.method())
                    .put("path", r.path());
            ObjectNode headerNode = item.putObject("headers");
            new TreeMap<>(r.headers()).forEach(headerNode::put);
            // The body as text for reading, and its exact bytes for checking a signature over them.
            item.put("body", new String(r.body(), StandardCharsets.UTF_8))
                    .put("body_base64", Base64.getEncoder().encodeToString(r.body()))
                    .put("received_at", r.receivedAt().toString())
                    .put("answered_status", r.answeredStatus())
                    .put("answer_delay_millis", r.answerDelayMillis());
        }
        return out.toString();
    }

    @DELETE
    @Operation(summary = "Forget what arrived and the fault")
    @APIResponse(responseCode = "204", description = "Forgotten")
    public void clear(@PathParam("name") String name) {
        receivers.clear(name);
    }

    /** Header names lower-cased; a header sent several times keeps its values, comma-separated as HTTP allows. */
    private static Map<String, String> flatten(HttpHeaders headers) {
        Map<String, String> flat = new TreeMap<>();
        headers.getRequestHeaders().forEach((header, values) ->
                flat.merge(header.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b));
        return flat;
    }
}
