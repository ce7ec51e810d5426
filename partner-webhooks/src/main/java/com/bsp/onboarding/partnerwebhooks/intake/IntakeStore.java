package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.Inbox;
import com.bsp.onboarding.eventing.inbox.MalformedEventException;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.delivery.MessageFanout;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.ChannelChange;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.Emit;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies source events to the onboardings, each in one transaction with the claim of its id in the {@link Inbox}
 * and the partner events it produces ({@link MessageFanout}): a redelivery changes nothing, and a webhook exists
 * exactly when the change that produced it was committed. An event whose onboarding is not known yet is parked, and
 * applied in the transaction of the event that makes it known, so events read out of order across topics are still
 * told, in the order they became tellable.
 */
@ApplicationScoped
public class IntakeStore {

    private static final Logger LOG = Logger.getLogger(IntakeStore.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String SELECT_COLUMNS =
            "o.id, o.hub_id, o.route, o.partner_reference, o.waba_id, o.phone_number_id, o.business_id, o.client_id";

    private static final String ENSURE = """
            INSERT INTO onboardings (id, hub_id, route, partner_reference, status, status_rank, status_at, created_at)
            VALUES ($1, $2, $3, $4, 'started', 0, $5, $5)
            ON CONFLICT (id) DO NOTHING""";

    private static final String FIND = "SELECT " + SELECT_COLUMNS + " FROM onboardings o WHERE o.id = $1";

    // The first of the event's subjects that is bound decides (array_position keeps the event's order of preference).
    private static final String FIND_BY_SUBJECT = "SELECT " + SELECT_COLUMNS + """
             FROM onboarding_subjects s JOIN onboardings o ON o.id = s.onboarding_id
            WHERE s.kind || ':' || s.subject = ANY ($1)
            ORDER BY array_position($1, s.kind || ':' || s.subject) LIMIT 1""";

    /**
     * Serialises parking against binding, per subject: without it an event whose onboarding is being bound by
     * another consumer's uncommitted transaction would be parked after that transaction looked for parked events,
     * and wait forever. Two-int form in a namespace of its own (the outbox relay's lock is a single bigint); taken
     * in one statement, in key order, so two transactions never wait on each other crosswise.
     */
    private static final String LOCK_SUBJECTS = """
            SELECT count(*) AS locked FROM (
                SELECT pg_advisory_xact_lock(1886873186, k)
                FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest($1::text[]) AS key ORDER BY 1) ordered) taken""";

    private static final String BIND = """
            INSERT INTO onboarding_subjects (kind, subject, onboarding_id) VALUES ($1, $2, $3)
            ON CONFLICT (kind, subject) DO UPDATE SET onboarding_id = EXCLUDED.onboarding_id""";

    // A partner reference told late (an ES onboarding opened by signup-completed has it, a session event too) fills a gap only.
    private static final String UPDATE = """
            UPDATE onboardings SET
                waba_id = COALESCE($2, waba_id),
                phone_number_id = COALESCE($3, phone_number_id),
                business_id = COALESCE($4, business_id),
                client_id = COALESCE($5, client_id),
                partner_reference = COALESCE(partner_reference, $6),
                status = CASE WHEN $7::text IS NOT NULL AND (status_rank < $8 OR (status_rank = $8 AND status_at <= $9))
                              THEN $7 ELSE status END,
                status_at = CASE WHEN $7::text IS NOT NULL AND (status_rank < $8 OR (status_rank = $8 AND status_at <= $9))
                              THEN $9 ELSE status_at END,
                status_rank = CASE WHEN $7::text IS NOT NULL AND (status_rank < $8 OR (status_rank = $8 AND status_at <= $9))
                              THEN $8 ELSE status_rank END,
                created_at = LEAST(created_at, $9),
                updated_at = now()
            WHERE id = $1""";

    private static final String CHANNEL = """
            INSERT INTO onboarding_channels (onboarding_id, channel_id, status, status_rank, status_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (onboarding_id, channel_id) DO UPDATE SET
                status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, status_at = EXCLUDED.status_at
            WHERE onboarding_channels.status_rank < EXCLUDED.status_rank
               OR (onboarding_channels.status_rank = EXCLUDED.status_rank AND onboarding_channels.status_at <= EXCLUDED.status_at)""";

    private static final String PARK = """
            INSERT INTO parked_events (event_id, subjects, envelope) VALUES ($1, $2, $3)
            ON CONFLICT (event_id) DO NOTHING""";

    private static final String UNPARK = """
            DELETE FROM parked_events WHERE subjects && $1 RETURNING id, envelope""";

    private final Pool pool;
    private final SourceEventMapper mapper;
    private final MessageFanout fanout;

    public IntakeStore(Pool pool, SourceEventMapper mapper, MessageFanout fanout) {
        this.pool = pool;
        this.mapper = mapper;
        this.fanout = fanout;
    }

    /** What one record did, once committed: its outcome and the partner events it (and events it unparked) published. */
    record Result(IntakeOutcome outcome, List<String> published) {
    }

    /** Applies {@code event}, read from {@code envelope}, in one transaction. */
    Uni<Result> apply(Envelope envelope, IntakeEvent event) {
        return pool.withTransaction(tx -> Inbox.claim(tx, event.sourceId()).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(new Result(IntakeOutcome.DUPLICATE, List.of()));
            }
            List<String> published = new ArrayList<>();
            return resolveLocked(tx, event).chain(onboarding -> {
                if (onboarding.isEmpty()) {
                    return park(tx, envelope, event).replaceWith(new Result(IntakeOutcome.PARKED, published));
                }
                return applyTo(tx, onboarding.get(), event, published).map(outcome -> new Result(outcome, published));
            });
        }));
    }

    /**
     * The event's onboarding; when none is bound yet, looked for again under the subjects' locks (a binding
     * committed meanwhile is seen) and, if still none, the locks stay held until the parking commits.
     */
    private Uni<Optional<Onboarding>> resolveLocked(SqlConnection tx, IntakeEvent event) {
        return resolve(tx, event).chain(found -> {
            if (found.isPresent() || event.start() != null || event.lookups().isEmpty()) {
                return Uni.createFrom().item(found);
            }
            return lockSubjects(tx, event.lookups()).chain(() -> resolve(tx, event));
        });
    }

    private Uni<Void> lockSubjects(SqlConnection tx, List<Subject> subjects) {
        return tx.preparedQuery(LOCK_SUBJECTS).execute(Tuple.tuple().addArrayOfString(keys(subjects))).replaceWithVoid();
    }

    private Uni<Optional<Onboarding>> resolve(SqlConnection tx, IntakeEvent event) {
        if (event.start() != null) {
            IntakeEvent.Start start = event.start();
            return tx.preparedQuery(ENSURE).execute(Tuple.of(start.onboardingId(), event.hubId(), start.route(),
                            start.partnerReference(), utc(event.time())))
                    .chain(() -> tx.preparedQuery(FIND).execute(Tuple.of(start.onboardingId())))
                    .map(IntakeStore::first);
        }
        if (event.lookups().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tx.preparedQuery(FIND_BY_SUBJECT).execute(Tuple.tuple().addArrayOfString(keys(event.lookups()))).map(IntakeStore::first);
    }

    private Uni<IntakeOutcome> applyTo(SqlConnection tx, Onboarding stored, IntakeEvent event, List<String> published) {
        if (event.hubId() != null && !event.hubId().equals(stored.hubId())) {
            // Never told to either hub: an event of one hub must not reach another's endpoints or view.
            LOG.warnf("Dropping %s %s: it names hub %s, its onboarding %s is of hub %s", event.sourceType(),
                    event.sourceId(), event.hubId(), stored.id(), stored.hubId());
            return Uni.createFrom().item(IntakeOutcome.HUB_MISMATCH);
        }
        Onboarding onboarding = stored.with(event.facts());
        String partnerReference = event.start() == null ? null : event.start().partnerReference();
        OnboardingStatus status = event.status();
        Uni<?> steps = tx.preparedQuery(UPDATE).execute(Tuple.tuple().addString(onboarding.id())
                .addString(event.facts().wabaId()).addString(event.facts().phoneNumberId())
                .addString(event.facts().businessId()).addString(event.facts().clientId()).addString(partnerReference)
                .addString(status == null ? null : status.wireName()).addInteger(status == null ? 0 : status.rank())
                .addOffsetDateTime(utc(event.time())));
        if (!event.binds().isEmpty()) {
            steps = steps.chain(() -> lockSubjects(tx, event.binds()));
        }
        for (Subject subject : event.binds()) {
            steps = steps.chain(() -> tx.preparedQuery(BIND).execute(Tuple.of(subject.kind(), subject.id(), onboarding.id())));
        }
        for (ChannelChange channel : event.channels()) {
            steps = steps.chain(() -> tx.preparedQuery(CHANNEL).execute(Tuple.of(onboarding.id(), channel.channelId(),
                    channel.status().wireName(), channel.status().rank(), utc(event.time()))));
        }
        Onboarding told = partnerReference != null && onboarding.partnerReference() == null
                ? new Onboarding(onboarding.id(), onboarding.hubId(), onboarding.route(), partnerReference,
                        onboarding.wabaId(), onboarding.phoneNumberId(), onboarding.businessId(), onboarding.clientId())
                : onboarding;
        for (Emit emit : event.emits()) {
            PartnerEvent partnerEvent = partnerEvent(told, event, emit);
            steps = steps.chain(() -> fanout.publish(tx, partnerEvent)).invoke(() -> published.add(partnerEvent.type()));
        }
        return steps.chain(() -> unpark(tx, event.binds(), published)).replaceWith(IntakeOutcome.APPLIED);
    }

    /** The events that waited for one of {@code bound}, applied now, in the order they were read. */
    private Uni<Void> unpark(SqlConnection tx, List<Subject> bound, List<String> published) {
        if (bound.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(UNPARK).execute(Tuple.tuple().addArrayOfString(keys(bound))).chain(rows -> {
            List<Row> parked = new ArrayList<>();
            rows.forEach(parked::add);
            parked.sort(Comparator.comparingLong(row -> row.getLong("id")));
            return Multi.createFrom().iterable(parked)
                    .onItem().transformToUniAndConcatenate(row -> applyParked(tx, row.getString("envelope"), published))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> applyParked(SqlConnection tx, String value, List<String> published) {
        Optional<IntakeEvent> event;
        Envelope envelope;
        try {
            envelope = Envelope.parse(value, Instant.now());
            event = mapper.map(envelope);
        } catch (MalformedEventException e) {
            // It was read before with the same code: only a change of the mapping can get here.
            LOG.warnf("Dropping a parked event that no longer reads: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LOG.debugf("Applying parked %s %s", event.get().sourceType(), event.get().sourceId());
        return resolveLocked(tx, event.get()).chain(onboarding -> onboarding.isEmpty()
                ? park(tx, envelope, event.get())
                : applyTo(tx, onboarding.get(), event.get(), published).replaceWithVoid());
    }

    private Uni<Void> park(SqlConnection tx, Envelope envelope, IntakeEvent event) {
        LOG.debugf("Parking %s %s until one of %s is known", event.sourceType(), event.sourceId(),
                String.join(", ", keys(event.lookups())));
        return tx.preparedQuery(PARK).execute(Tuple.tuple().addString(event.sourceId())
                        .addArrayOfString(keys(event.lookups())).addString(parkable(envelope)))
                .replaceWithVoid();
    }

    /**
     * The envelope as kept while parked: without the sealed credentials some events carry (channel-provisioned's
     * api_key, signup-completed's business_token), which this service never needs.
     */
    private static String parkable(Envelope envelope) {
        ObjectNode root = NODES.objectNode();
        root.put("id", envelope.id());
        root.put("type", envelope.type());
        root.put("time", envelope.time().toString());
        if (envelope.data() != null && envelope.data().isObject()) {
            ObjectNode data = ((ObjectNode) envelope.data()).deepCopy();
            data.remove(List.of("api_key", "business_token"));
            root.set("data", data);
        }
        return root.toString();
    }

    private static PartnerEvent partnerEvent(Onboarding onboarding, IntakeEvent event, Emit emit) {
        ObjectNode data = NODES.objectNode();
        data.put("onboarding_id", onboarding.id());
        data.put("route", onboarding.route());
        data.put("partner_reference", onboarding.partnerReference());
        putIf(data, "waba_id", onboarding.wabaId());
        putIf(data, "phone_number_id", onboarding.phoneNumberId());
        putIf(data, "business_id", onboarding.businessId());
        putIf(data, "client_id", onboarding.clientId());
        data.setAll(emit.data());
        data.put("occurred_at", event.time().toString());
        // One started per onboarding, whichever of its events came first; every other type once per source event.
        String name = PartnerEventTypes.ONBOARDING_STARTED.equals(emit.type())
                ? emit.type() + "|" + onboarding.hubId() + "|" + onboarding.id()
                : emit.type() + "|" + event.sourceId();
        return new PartnerEvent(messageId(name), onboarding.hubId(), onboarding.id(), emit.type(), event.time(), data);
    }

    /** A name-based UUID: the same source event gives the same webhook-id, however often it is read. */
    static String messageId(String name) {
        return "msg_" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    private static void putIf(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }

    private static String[] keys(List<Subject> subjects) {
        return subjects.stream().map(Subject::key).toArray(String[]::new);
    }

    private static Optional<Onboarding> first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Onboarding(row.getString("id"), row.getString("hub_id"), row.getString("route"),
                row.getString("partner_reference"), row.getString("waba_id"), row.getString("phone_number_id"),
                row.getString("business_id"), row.getString("client_id")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
