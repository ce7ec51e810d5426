package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.delivery.DeliveryDispatcher;
import com.bsp.onboarding.partnerwebhooks.delivery.MessageFanout;
import com.bsp.onboarding.partnerwebhooks.signing.SigningSecrets;
import com.bsp.onboarding.partnerwebhooks.signing.WebhookSecret;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What a hub does with its endpoints; every call is scoped to the hub, another hub's endpoint is not found. */
@ApplicationScoped
public class EndpointService {

    static final Set<String> STATUSES = Set.of("pending", "delivered", "failed", "cancelled");
    static final int MAX_LIMIT = 100;

    private final Pool pool;
    private final EndpointStore store;
    private final EndpointValidator validator;
    private final SigningSecrets secrets;
    private final MessageFanout fanout;
    private final DeliveryDispatcher dispatcher;
    private final ObjectMapper json;
    private final Duration grace;

    public EndpointService(Pool pool, EndpointStore store, EndpointValidator validator, SigningSecrets secrets,
            MessageFanout fanout, DeliveryDispatcher dispatcher, ObjectMapper json, PartnerWebhooksConfig config) {
        this.pool = pool;
        this.store = store;
        this.validator = validator;
        this.secrets = secrets;
        this.fanout = fanout;
        this.dispatcher = dispatcher;
        this.json = json;
        this.grace = config.delivery().secretGracePeriod();
    }

    Uni<EndpointView> create(String hubId, EndpointRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(bodyRequired());
        }
        String id = "ep_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSecret.generate();
        return validator.check(request.url(), true, request.description(), request.eventTypes())
                .chain(() -> pool.withTransaction(tx -> store.insert(tx, id, hubId, request.url(), request.description(),
                        EndpointValidator.filter(request.eventTypes()))
                        .call(created -> secrets.store(tx, id, secret))))
                .map(created -> created.withSecret(secret));
    }

    Uni<List<EndpointView>> list(String hubId) {
        return store.list(hubId);
    }

    Uni<EndpointView> get(String hubId, String id) {
        return store.find(id, hubId).map(found -> found.orElseThrow(EndpointService::notFound));
    }

    Uni<EndpointView> update(String hubId, String id, EndpointPatch patch) {
        if (patch == null) {
            return Uni.createFrom().failure(bodyRequired());
        }
        return validator.check(patch.url(), false, patch.description(), patch.eventTypes())
                .chain(() -> pool.withTransaction(tx -> store.update(tx, id, hubId, patch, patch.eventTypes() != null,
                        EndpointValidator.filter(patch.eventTypes()))))
                .map(updated -> updated.orElseThrow(EndpointService::notFound))
                .invoke(updated -> {
                    if (Boolean.TRUE.equals(patch.enabled())) {
                        dispatcher.wake();
                    }
                });
    }

    Uni<Void> delete(String hubId, String id) {
        return pool.withTransaction(tx -> store.delete(tx, id, hubId)).map(deleted -> {
            if (!deleted) {
                throw notFound();
            }
            secrets.forget(id);
            return null;
        });
    }

    Uni<SecretRotation> rotate(String hubId, String id) {
        String secret = WebhookSecret.generate();
        return pool.withTransaction(tx -> store.lock(tx, id, hubId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(notFound());
            }
            return secrets.rotate(tx, id, secret, grace);
        })).map(expires -> {
            secrets.forget(id);
            return new SecretRotation(secret, expires);
        });
    }

    Uni<TestMessage> test(String hubId, String id) {
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode data = json.createObjectNode();
        data.put("endpoint_id", id);
        data.put("message", "A test event sent at the hub's request.");
        PartnerEvent event = new PartnerEvent(messageId, hubId, null, PartnerEventTypes.WEBHOOK_TEST, Instant.now(), data);
        return pool.withTransaction(tx -> store.lock(tx, id, hubId).chain(found -> found.isEmpty()
                ? Uni.createFrom().<Integer>failure(notFound())
                : fanout.publishTo(tx, event, id)))
                .map(n -> {
                    dispatcher.wake();
                    return new TestMessage(messageId);
                });
    }

    Uni<List<DeliveryView>> deliveries(String hubId, String id, String status, String since, Integer limit) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
        }
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError("since", "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
            }
        }
        int max = limit == null ? 50 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(Problem.invalidParameters(errors).exception());
        }
        Instant fromInstant = from;
        return store.find(id, hubId).chain(found -> found.isEmpty()
                ? Uni.createFrom().failure(notFound())
                : store.deliveries(id, hubId, status, fromInstant, max));
    }

    Uni<List<DeliveryView>> deliveriesOfMessage(String hubId, String messageId) {
        return store.deliveriesOfMessage(messageId, hubId)
                .map(found -> found.orElseThrow(() -> Problem.notFound("No message with this id exists for your hub.").exception()));
    }

    Uni<Void> replay(String hubId, String id, String deliveryId) {
        long delivery;
        try {
            delivery = Long.parseLong(deliveryId);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(Problem.notFound("No such delivery for this endpoint.").exception());
        }
        return store.replay(delivery, id, hubId).map(replayed -> {
            if (!replayed) {
                throw Problem.notFound("No such delivery for this endpoint.").exception();
            }
            dispatcher.wake();
            return null;
        });
    }

    Uni<ReplaySince.Replayed> replaySince(String hubId, String id, ReplaySince request) {
        if (request == null || request.since() == null) {
            return Uni.createFrom().failure(EndpointValidator.invalid(List.of(new FieldError("since", "is required"))).exception());
        }
        return store.replaySince(id, hubId, request.since()).map(Optional::orElseThrow)
                .onFailure(java.util.NoSuchElementException.class).transform(e -> notFound())
                .map(n -> {
                    dispatcher.wake();
                    return new ReplaySince.Replayed(n);
                });
    }

    private static RuntimeException bodyRequired() {
        return Problem.invalidParameters(List.of(new FieldError("body", "a JSON object is required"))).exception();
    }

    private static RuntimeException notFound() {
        return Problem.notFound("No endpoint with this id exists for your hub.").exception();
    }
}
