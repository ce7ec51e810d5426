package com.bsp.onboarding.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps waba-provisioner internal except for its credential hand-off, against manifests changed the
 * ways a mistake would change them: each must be caught, or the overlay checks prove nothing.
 */
class ProvisionerExposureTest {

    private static final String CREDENTIALS_INGRESS = "onboarding-credentials";

    @Test
    void readsThePartnerFacingAndTheOpsRoutesFromTheProvisionersResources() {
        List<String> partner = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        for (JaxRsRoutes.Route route : OverlayManifestsTest.provisionerRoutes()) {
            (route.partnerFacing() ? partner : internal).add(route.method() + " " + route.template());
        }
        assertEquals(List.of("GET /v1/channels/{channelId}/api-key", "POST /v1/channels/{channelId}/api-key/rotate"),
                partner.stream().sorted().toList());
        assertTrue(internal.containsAll(List.of("GET /v1/wabas/{wabaId}", "POST /v1/wabas/{wabaId}/retry",
                "GET /v1/channels/{partnerId}/{channelId}", "POST /v1/channels/{partnerId}/{channelId}/retry")), internal.toString());
    }

    @Test
    void theRenderedOverlayExposesExactlyTheCredentialHandOff() {
        Manifests prod = Manifests.overlay("prod");
        assertEquals(List.of(), routing(prod).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes()));
        assertEquals(List.of(), OverlayManifestsTest.provisionerAdmission(prod));
    }

    @Test
    void aPrefixRouteToTheProvisionerOpensItsOpsApi() {
        Manifests changed = withIngress(ingress -> path(ingress).put("path", "/v1/channels").put("pathType", "Prefix"));
        List<String> problems = routing(changed).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes());
        assertTrue(problems.stream().anyMatch(p -> p.contains("exposes the internal route GET /v1/channels/{partnerId}/{channelId}")),
                problems.toString());
    }

    @Test
    void anUnanchoredExpressionRoutesMoreThanTheHandOff() {
        Manifests changed = withIngress(ingress -> path(ingress).put("path", "/v1/channels/[^/]+/api-key"));
        List<String> problems = routing(changed).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes());
        assertTrue(problems.stream().anyMatch(p -> p.contains("routes /v1/channels/s1/api-key/s2")), problems.toString());
    }

    @Test
    void aWiderExpressionOpensTheOpsApi() {
        Manifests changed = withIngress(ingress -> path(ingress).put("path", "/v1/channels/.+"));
        List<String> problems = routing(changed).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes());
        assertTrue(problems.stream().anyMatch(p -> p.contains("exposes the internal route POST /v1/channels/{partnerId}/{channelId}/retry")),
                problems.toString());
    }

    @Test
    void anExpressionWithoutUseRegexIsALiteralPrefixAndRoutesNothing() {
        Manifests changed = withIngress(ingress -> ((ObjectNode) ingress.path("metadata").path("annotations"))
                .remove(IngressRouting.USE_REGEX));
        List<String> problems = routing(changed).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes());
        assertTrue(problems.stream().anyMatch(p -> p.contains("is not routed to waba-provisioner")), problems.toString());
    }

    @Test
    void withoutTheCredentialsIngressTheHandOffIsUnreachableAndTheControllerMustNotBeAdmitted() {
        Manifests prod = Manifests.overlay("prod");
        List<JsonNode> objects = prod.all().stream()
                .filter(o -> !("Ingress".equals(o.path("kind").asText()) && CREDENTIALS_INGRESS.equals(Manifests.nameOf(o))))
                .toList();
        Manifests changed = Manifests.of("prod without " + CREDENTIALS_INGRESS, objects);
        List<String> routes = routing(changed).exposeExactly("waba-provisioner", OverlayManifestsTest.provisionerRoutes());
        assertTrue(routes.stream().anyMatch(p -> p.contains("GET /v1/channels/{channelId}/api-key") && p.contains("not routed")),
                routes.toString());
        List<String> admission = OverlayManifestsTest.provisionerAdmission(changed);
        assertTrue(admission.stream().anyMatch(p -> p.contains("no Ingress routes to it")), admission.toString());
    }

    @Test
    void theControllerIsAdmittedToTheApiPortOnly() {
        Manifests prod = Manifests.overlay("prod");
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : prod.all()) {
            JsonNode copy = object.deepCopy();
            if ("NetworkPolicy".equals(copy.path("kind").asText())
                    && "waba-provisioner-allow-credentials-from-ingress-controller".equals(Manifests.nameOf(copy))) {
                ((ArrayNode) copy.path("spec").path("ingress").get(0).path("ports")).addObject().put("port", "management");
            }
            objects.add(copy);
        }
        List<String> problems = OverlayManifestsTest.provisionerAdmission(Manifests.of("prod, controller on management", objects));
        assertTrue(problems.stream().anyMatch(p -> p.contains("only its API port `http` may be")), problems.toString());
    }

    private static IngressRouting routing(Manifests manifests) {
        return IngressRouting.of(manifests.ofKind("Ingress"));
    }

    private static ObjectNode path(JsonNode ingress) {
        return (ObjectNode) ingress.path("spec").path("rules").get(0).path("http").path("paths").get(0);
    }

    /** The prod overlay with its credentials Ingress changed. */
    private static Manifests withIngress(Consumer<JsonNode> change) {
        List<JsonNode> objects = new ArrayList<>();
        boolean found = false;
        for (JsonNode object : Manifests.overlay("prod").all()) {
            JsonNode copy = object.deepCopy();
            if ("Ingress".equals(copy.path("kind").asText()) && CREDENTIALS_INGRESS.equals(Manifests.nameOf(copy))) {
                change.accept(copy);
                found = true;
            }
            objects.add(copy);
        }
        assertTrue(found, "the prod overlay has no Ingress " + CREDENTIALS_INGRESS);
        return Manifests.of("prod, changed", objects);
    }
}
