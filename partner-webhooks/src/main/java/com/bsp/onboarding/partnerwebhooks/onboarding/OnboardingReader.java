package com.bsp.onboarding.partnerwebhooks.onboarding;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.partnerwebhooks.onboarding.OnboardingView.Channel;
import com.bsp.onboarding.partnerwebhooks.onboarding.OnboardingView.TimelineEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads onboardings for their hub only: another hub's onboarding is not found. */
@ApplicationScoped
public class OnboardingReader {

    private static final String COLUMNS = """
            o.id, o.route, o.partner_reference, o.status, o.waba_id, o.phone_number_id, o.business_id, o.client_id,
            o.created_at, o.updated_at""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM onboardings o WHERE o.hub_id = $1 AND o.id = $2";

    private static final String LIST = "SELECT " + COLUMNS + """
             FROM onboardings o
            WHERE o.hub_id = $1
              AND ($2::text IS NULL OR o.partner_reference = $2)
              AND ($3::text IS NULL OR o.status = $3)
              AND ($4::timestamptz IS NULL OR (o.created_at, o.id) < ($4, $5))
            ORDER BY o.created_at DESC, o.id DESC
            LIMIT $6""";

    private static final String CURSOR = "SELECT created_at FROM onboardings WHERE hub_id = $1 AND id = $2";

    private static final String CHANNELS = """
            SELECT onboarding_id, channel_id, status FROM onboarding_channels
            WHERE onboarding_id = ANY ($1) ORDER BY onboarding_id, channel_id""";

    private static final String TIMELINE = """
            SELECT id, payload FROM messages WHERE hub_id = $1 AND onboarding_id = $2 ORDER BY seq""";

    private final Pool pool;
    private final ObjectMapper json;

    public OnboardingReader(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Optional<OnboardingView>> find(String hubId, String id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(hubId, id)).chain(rows -> {
            List<OnboardingView> found = views(rows);
            return found.isEmpty() ? Uni.createFrom().item(List.<OnboardingView>of()) : channels(found);
        }).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<OnboardingView>empty())
                : pool.preparedQuery(TIMELINE).execute(Tuple.of(hubId, id))
                        .map(rows -> Optional.of(found.get(0).withTimeline(timeline(rows)))));
    }

    /** A page, newest first; an {@code after} that is not one of the hub's onboardings is a 400. */
    public Uni<OnboardingPage> list(String hubId, OnboardingQuery query) {
        Uni<Optional<Instant>> cursor = query.after() == null
                ? Uni.createFrom().item(Optional.empty())
                : pool.preparedQuery(CURSOR).execute(Tuple.of(hubId, query.after())).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Problem.invalidParameters(List.of(new Problem.FieldError("after",
                                "is not an onboarding of your hub"))).exception();
                    }
                    return Optional.of(rows.iterator().next().getOffsetDateTime("created_at").toInstant());
                });
        return cursor.chain(after -> pool.preparedQuery(LIST).execute(Tuple.tuple().addString(hubId)
                        .addString(query.partnerReference()).addString(query.status())
                        .addOffsetDateTime(after.map(t -> t.atOffset(java.time.ZoneOffset.UTC)).orElse(null))
                        .addString(query.after()).addInteger(query.limit() + 1)))
                .chain(rows -> channels(views(rows)))
                .map(found -> {
                    boolean more = found.size() > query.limit();
                    List<OnboardingView> page = more ? found.subList(0, query.limit()) : found;
                    return new OnboardingPage(page, more ? page.get(page.size() - 1).id() : null);
                });
    }

    private Uni<List<OnboardingView>> channels(List<OnboardingView> onboardings) {
        if (onboardings.isEmpty()) {
            return Uni.createFrom().item(onboardings);
        }
        String[] ids = onboardings.stream().map(OnboardingView::id).toArray(String[]::new);
        return pool.preparedQuery(CHANNELS).execute(Tuple.tuple().addArrayOfString(ids)).map(rows -> {
            Map<String, List<Channel>> byOnboarding = new HashMap<>();
            for (Row row : rows) {
                byOnboarding.computeIfAbsent(row.getString("onboarding_id"), k -> new ArrayList<>())
                        .add(new Channel(row.getString("channel_id"), row.getString("status")));
            }
            return onboardings.stream().map(o -> new OnboardingView(o.id(), o.route(), o.partnerReference(), o.status(),
                    o.wabaId(), o.phoneNumberId(), o.businessId(), o.clientId(),
                    byOnboarding.getOrDefault(o.id(), List.of()), o.createdAt(), o.updatedAt(), null)).toList();
        });
    }

    private static List<OnboardingView> views(RowSet<Row> rows) {
        List<OnboardingView> found = new ArrayList<>();
        for (Row row : rows) {
            found.add(new OnboardingView(row.getString("id"), row.getString("route"), row.getString("partner_reference"),
                    row.getString("status"), row.getString("waba_id"), row.getString("phone_number_id"),
                    row.getString("business_id"), row.getString("client_id"), List.of(),
                    instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), null));
        }
        return found;
    }

    private List<TimelineEntry> timeline(RowSet<Row> rows) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (Row row : rows) {
            JsonNode body;
            try {
                body = json.readTree(row.getString("payload"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Message " + row.getString("id") + " has no JSON body");
            }
            entries.add(new TimelineEntry(row.getString("id"), body.path("type").asText(),
                    Instant.parse(body.path("timestamp").asText()), body.get("data")));
        }
        return entries;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
