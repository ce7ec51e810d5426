package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.Inbox;
import com.bsp.onboarding.partnerwebhooks.delivery.MessageFanout;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.ChannelChange;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies source events to the onboardings, a polled batch in one transaction ({@link IntakeTransaction}), each
 * step one statement for all the events it concerns: the claim of their ids in the {@link Inbox}, the onboardings
 * they open or find, their changes, bindings and the partner events they produce ({@link MessageFanout}). A
 * redelivery changes nothing, and a webhook exists exactly when the change that produced it was committed. An
 * event whose onboarding is not known yet is parked, and applied in the transaction of the event that makes it
 * known, so events read out of order across topics are still told, in the order they became tellable.
 */
@ApplicationScoped
public class IntakeStore {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String COLUMNS = "id, hub_id, route, partner_reference, waba_id, phone_number_id, business_id, client_id";

    private static final String CLAIM = """
            INSERT INTO processed_events (event_id) SELECT unnest($1::text[])
            ON CONFLICT DO NOTHING RETURNING event_id""";

    // The statement does not see its own inserts in onboardings: the found ones are the inserted plus the others.
    private static final String ENSURE_AND_FIND = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                    AS i(id, hub_id, route, partner_reference, at)),
            created AS (
                INSERT INTO onboardings (id, hub_id, route, partner_reference, status, status_rank, status_at, created_at)
                SELECT id, hub_id, route, partner_reference, 'started', 0, at, at FROM input
                ON CONFLICT (id) DO NOTHING
                RETURNING %1$s)
            SELECT %1$s FROM created
            UNION ALL
            SELECT %1$s FROM onboardings WHERE id IN (SELECT id FROM input) AND id NOT IN (SELECT id FROM created)"""
            .formatted(COLUMNS);

    // Per event (item), the first of its subjects that is bound decides (preference keeps the event's order).
    private static final String FIND_BY_SUBJECT = """
            SELECT DISTINCT ON (l.item) l.item, o.id, o.hub_id, o.route, o.partner_reference, o.waba_id,
                   o.phone_number_id, o.business_id, o.client_id
            FROM unnest($1::int[], $2::text[], $3::text[], $4::int[]) AS l(item, kind, subject, preference)
            JOIN onboarding_subjects s ON s.kind = l.kind AND s.subject = l.subject
            JOIN onboardings o ON o.id = s.onboarding_id
            ORDER BY l.item, l.preference""";

    /**
     * Serialises parking against binding, per subject: without it an event whose onboarding is being bound by
     * another consumer's uncommitted transaction would be parked after that transaction looked for parked events,
     * and wait forever. Two-int form in a namespace of its own (the outbox relay's lock is a single bigint); taken
     * in one statement, in key order, so two transactions' first locks never wait on each other crosswise (one
     * that takes more later can deadlock: PostgreSQL breaks it and the batch is applied again).
     */
    private static final String LOCK_SUBJECTS = """
            SELECT count(*) AS locked FROM (
                SELECT pg_advisory_xact_lock(1886873186, k)
                FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest($1::text[]) AS key ORDER BY 1) ordered) taken""";

    private static final String BIND = """
            INSERT INTO onboarding_subjects (kind, subject, onboarding_id)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (kind, subject) DO UPDATE SET onboarding_id = EXCLUDED.onboarding_id
            WHERE onboarding_subjects.onboarding_id <> EXCLUDED.onboarding_id""";

    // A partner reference told late (an ES onboarding opened by signup-completed has it, a session event too) fills a gap only.
    private static final String UPDATE = """
            UPDATE onboardings o SET
                waba_id = COALESCE(u.waba_id, o.waba_id),
                phone_number_id = COALESCE(u.phone_number_id, o.phone_number_id),
                business_id = COALESCE(u.business_id, o.business_id),
                client_id = COALESCE(u.client_id, o.client_id),
                partner_reference = COALESCE(o.partner_reference, u.partner_reference),
                status = CASE WHEN u.status IS NOT NULL AND (o.status_rank < u.rank OR (o.status_rank = u.rank AND o.status_at <= u.at))
                              THEN u.status ELSE o.status END,
                status_at = CASE WHEN u.status IS NOT NULL AND (o.status_rank < u.rank OR (o.status_rank = u.rank AND o.status_at <= u.at))
                              THEN u.at ELSE o.status_at END,
                status_rank = CASE WHEN u.status IS NOT NULL AND (o.status_rank < u.rank OR (o.status_rank = u.rank AND o.status_at <= u.at))
                              THEN u.rank ELSE o.status_rank END,
                created_at = LEAST(o.created_at, u.at),
                updated_at = now()
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
                        $9::timestamptz[])
                AS u(id, waba_id, phone_number_id, business_id, client_id, partner_reference, status, rank, at)
            WHERE o.id = u.id""";

    private static final String CHANNEL = """
            INSERT INTO onboarding_channels (onboarding_id, channel_id, status, status_rank, status_at)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[])
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

    /** One record to apply: the Kafka key it came under (its records apply in the order given), and what it says. */
    record Input(String key, Envelope envelope, IntakeEvent event) {
    }

    /**
     * What a batch did, once committed: each input's outcome (by position) and the partner events it (and the
     * events it unparked) published.
     */
    record Result(IntakeOutcome[] outcomes, List<String> published) {
    }

    /** Applies {@code inputs} in one transaction: all of them, or (failing) none. */
    Uni<Result> apply(List<Input> inputs) {
        return pool.withTransaction(tx -> new IntakeTransaction(tx, this, mapper, inputs).run());
    }

    // --- the statements, each for all the events of a wave ---------------------------------------------------

    /** @return the ids claimed now: the others were applied before */
    Uni<Set<String>> claim(SqlConnection tx, List<String> eventIds) {
        return tx.preparedQuery(CLAIM).execute(Tuple.tuple().addArrayOfString(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getString("event_id")));
                    return claimed;
                });
    }

    /** Creates the onboardings the events open, where not known yet; @return each by its id */
    Uni<Map<String, Onboarding>> ensure(SqlConnection tx, List<IntakeEvent> starts) {
        int n = starts.size();
        String[] ids = new String[n];
        String[] hubs = new String[n];
        String[] routes = new String[n];
        String[] references = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IntakeEvent event = starts.get(i);
            ids[i] = event.start().onboardingId();
            hubs[i] = event.hubId();
            routes[i] = event.start().route();
            references[i] = event.start().partnerReference();
            times[i] = utc(event.time());
        }
        return tx.preparedQuery(ENSURE_AND_FIND).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(hubs)
                        .addArrayOfString(routes).addArrayOfString(references).addArrayOfOffsetDateTime(times))
                .map(rows -> {
                    Map<String, Onboarding> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("id"), onboarding(row)));
                    return found;
                });
    }

    /** @return for each event (by position) whose subjects are bound, the onboarding of the first one bound */
    Uni<Map<Integer, Onboarding>> findBySubjects(SqlConnection tx, List<IntakeEvent> events) {
        List<Integer> items = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<Integer> preferences = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            List<Subject> lookups = events.get(i).lookups();
            for (int p = 0; p < lookups.size(); p++) {
                items.add(i);
                kinds.add(lookups.get(p).kind());
                subjects.add(lookups.get(p).id());
                preferences.add(p);
            }
        }
        return tx.preparedQuery(FIND_BY_SUBJECT).execute(Tuple.tuple().addArrayOfInteger(items.toArray(Integer[]::new))
                        .addArrayOfString(kinds.toArray(String[]::new)).addArrayOfString(subjects.toArray(String[]::new))
                        .addArrayOfInteger(preferences.toArray(Integer[]::new)))
                .map(rows -> {
                    Map<Integer, Onboarding> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getInteger("item"), onboarding(row)));
                    return found;
                });
    }

    Uni<Void> lock(SqlConnection tx, Collection<String> subjectKeys) {
        return tx.preparedQuery(LOCK_SUBJECTS).execute(Tuple.tuple().addArrayOfString(subjectKeys.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** What each applied event teaches its onboarding (one event per onboarding in a statement). */
    Uni<Void> update(SqlConnection tx, List<Onboarding> onboardings, List<IntakeEvent> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] wabas = new String[n];
        String[] phones = new String[n];
        String[] businesses = new String[n];
        String[] clients = new String[n];
        String[] references = new String[n];
        String[] statuses = new String[n];
        Integer[] ranks = new Integer[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IntakeEvent event = events.get(i);
            OnboardingStatus status = event.status();
            ids[i] = onboardings.get(i).id();
            wabas[i] = event.facts().wabaId();
            phones[i] = event.facts().phoneNumberId();
            businesses[i] = event.facts().businessId();
            clients[i] = event.facts().clientId();
            references[i] = event.start() == null ? null : event.start().partnerReference();
            statuses[i] = status == null ? null : status.wireName();
            ranks[i] = status == null ? 0 : status.rank();
            times[i] = utc(event.time());
        }
        return tx.preparedQuery(UPDATE).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(wabas)
                        .addArrayOfString(phones).addArrayOfString(businesses).addArrayOfString(clients)
                        .addArrayOfString(references).addArrayOfString(statuses).addArrayOfInteger(ranks)
                        .addArrayOfOffsetDateTime(times))
                .replaceWithVoid();
    }

    /** @param bindings subject to onboarding id, each subject once (a statement may touch a row only once) */
    Uni<Void> bind(SqlConnection tx, Map<Subject, String> bindings) {
        List<String> kinds = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> onboardings = new ArrayList<>();
        bindings.forEach((subject, onboarding) -> {
            kinds.add(subject.kind());
            subjects.add(subject.id());
            onboardings.add(onboarding);
        });
        return tx.preparedQuery(BIND).execute(Tuple.tuple().addArrayOfString(kinds.toArray(String[]::new))
                        .addArrayOfString(subjects.toArray(String[]::new)).addArrayOfString(onboardings.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** A channel's status as one event told it. */
    record ChannelRow(String onboardingId, ChannelChange change, Instant time) {
    }

    /** @param rows each (onboarding, channel) once */
    Uni<Void> channels(SqlConnection tx, Collection<ChannelRow> rows) {
        List<ChannelRow> list = List.copyOf(rows);
        int n = list.size();
        String[] onboardings = new String[n];
        String[] channels = new String[n];
        String[] statuses = new String[n];
        Integer[] ranks = new Integer[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ChannelRow row = list.get(i);
            onboardings[i] = row.onboardingId();
            channels[i] = row.change().channelId();
            statuses[i] = row.change().status().wireName();
            ranks[i] = row.change().status().rank();
            times[i] = utc(row.time());
        }
        return tx.preparedQuery(CHANNEL).execute(Tuple.tuple().addArrayOfString(onboardings).addArrayOfString(channels)
                        .addArrayOfString(statuses).addArrayOfInteger(ranks).addArrayOfOffsetDateTime(times))
                .replaceWithVoid();
    }

    MessageFanout fanout() {
        return fanout;
    }

    Uni<Void> park(SqlConnection tx, Envelope envelope, IntakeEvent event) {
        return tx.preparedQuery(PARK).execute(Tuple.tuple().addString(event.sourceId())
                        .addArrayOfString(keys(event.lookups())).addString(parkable(envelope)))
                .replaceWithVoid();
    }

    /** @return the envelopes of the events that waited for one of {@code subjectKeys}, in the order they were parked */
    Uni<List<String>> unpark(SqlConnection tx, Collection<String> subjectKeys) {
        return tx.preparedQuery(UNPARK).execute(Tuple.tuple().addArrayOfString(subjectKeys.toArray(String[]::new)))
                .map(rows -> {
                    List<Row> parked = new ArrayList<>();
                    rows.forEach(parked::add);
                    parked.sort((a, b) -> Long.compare(a.getLong("id"), b.getLong("id")));
                    return parked.stream().map(row -> row.getString("envelope")).toList();
                });
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

    static String[] keys(List<Subject> subjects) {
        return subjects.stream().map(Subject::key).toArray(String[]::new);
    }

    private static Onboarding onboarding(Row row) {
        return new Onboarding(row.getString("id"), row.getString("hub_id"), row.getString("route"),
                row.getString("partner_reference"), row.getString("waba_id"), row.getString("phone_number_id"),
                row.getString("business_id"), row.getString("client_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
