package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code links} table: its columns, its statements and the mapping between a row and a {@link Link}.
 * <p>
 * A new link is written together with its outbox event and, normally, the advance of its partner's signature
 * clock in one SQL statement. A single statement is atomic on its own, so this is the outbox guarantee, and a
 * second never handed out twice, in one round trip instead of a transaction's several: link issuing is the hot
 * path partners call.
 */
@ApplicationScoped
public class LinkStore {

    /** What a link is issued with, in the order {@link #issuedValues} binds them. */
    private static final String ISSUED_COLUMNS = "id, hub_id, partner_id, kind, status, io_state, io_timestamp, url, "
            + "email, name, number, caller_state, redirect_target, partner_payload, next_step, lang, plan_selection, "
            + "connect_client_user, requested_client_id, created_at, expires_at, popup_origin";
    /** What the redirect back adds. */
    private static final String COMPLETION_COLUMNS = "client_id, channels, revoked_channels, completed_at";
    private static final String SELECT = "SELECT " + ISSUED_COLUMNS + ", " + COMPLETION_COLUMNS + " FROM links ";

    /** For a second already reserved on the partner's clock (SignatureClock#reserve). */
    private static final String INSERT_LINK_WITH_EVENT = """
            WITH new_link AS (
                INSERT INTO links (%s)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            )
            %s""".formatted(ISSUED_COLUMNS, OutboxWriter.insertSql(23));

    /**
     * Moves the partner's clock ({@code $3}) to the link's second ({@code $7}) if that is still ahead of it and
     * at most {@code $29} seconds ahead of now ({@code $28}), and stores the link and its event only then (the
     * row lock of {@code ON CONFLICT DO UPDATE} orders concurrent callers, across replicas). Otherwise nothing
     * is written and the clock's value comes back: locked by this statement ({@code FOR SHARE} reads the
     * latest version, not the snapshot's), so the caller's next guess is past every second handed out so far.
     * No clock row (a new partner whose guess is beyond the lead, or whose row was created after this
     * statement's snapshot) reads as {@code now - 1}: nothing handed out yet.
     * <p>
     * The clock's row lock is now held until the link's synchronous commit, so one partner's links wait for
     * one WAL flush each; docs/benchmarks.md measures what that costs and why it is the better trade.
     */
    private static final String INSERT_LINK_ADVANCING_CLOCK = """
            WITH advanced AS (
                INSERT INTO signature_clock AS clock (partner_id, last_second)
                SELECT $3, $7::bigint WHERE $7::bigint - $28::bigint <= $29::bigint
                ON CONFLICT (partner_id) DO UPDATE SET last_second = EXCLUDED.last_second
                    WHERE EXCLUDED.last_second > clock.last_second
                RETURNING last_second
            ), new_link AS (
                INSERT INTO links (%s)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22
                FROM advanced
            ), events AS (
                %s
            )
            SELECT true AS stored, last_second FROM advanced
            UNION ALL
            SELECT false, COALESCE((SELECT last_second FROM signature_clock WHERE partner_id = $3 FOR SHARE), $28::bigint - 1)
            WHERE NOT EXISTS (SELECT 1 FROM advanced)
            """.formatted(ISSUED_COLUMNS, OutboxWriter.insertSqlIfAnyRowIn("advanced", 23).indent(4).strip());

    private static final String FIND_BY_ID = SELECT + "WHERE id = $1";

    /** Locks the row until the caller's transaction ends: of two redirects with one state, one waits for the other. */
    private static final String LOCK_BY_STATE = SELECT + "WHERE io_state = $1 FOR UPDATE";

    private static final String COMPLETE = """
            UPDATE links SET status = $2, client_id = $3, channels = $4, revoked_channels = $5, completed_at = $6
            WHERE id = $1
            """;

    private final Pool pool;

    public LinkStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the link with its event if its {@code io_timestamp} is still ahead of its partner's signature clock
     * and at most {@code maxLeadSeconds} ahead of {@code nowSecond}, advancing the clock to it; otherwise stores
     * nothing and tells where the clock is.
     */
    public Uni<ClockAdvance> insertAdvancingClock(Link link, OutboxRecord event, long nowSecond, long maxLeadSeconds) {
        Tuple values = OutboxWriter.addParameters(issuedValues(link), List.of(event)).addLong(nowSecond).addLong(maxLeadSeconds);
        return pool.preparedQuery(INSERT_LINK_ADVANCING_CLOCK).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new ClockAdvance(row.getBoolean("stored"), row.getLong("last_second"));
        });
    }

    /** Stores a link whose second its partner's clock already reserved for it, with its event. */
    public Uni<Void> insertWithEvent(Link link, OutboxRecord event) {
        Tuple values = OutboxWriter.addParameters(issuedValues(link), List.of(event));
        return pool.preparedQuery(INSERT_LINK_WITH_EVENT).execute(values).replaceWithVoid();
    }

    /** Whether the link was stored (its second granted), and the partner's clock after the statement. */
    public record ClockAdvance(boolean stored, long clockSecond) {
    }

    public Uni<Optional<Link>> find(UUID id) {
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(id)).map(LinkStore::first);
    }

    /** The link with this state, locked for the rest of {@code transaction}; empty when no link has it. */
    public Uni<Optional<Link>> lockByState(SqlClient transaction, String ioState) {
        return transaction.preparedQuery(LOCK_BY_STATE).execute(Tuple.of(ioState)).map(LinkStore::first);
    }

    /** Stores the completion of a link locked by {@link #lockByState} in the same {@code transaction}. */
    public Uni<Void> saveCompletion(SqlClient transaction, Link link) {
        Link.Completion completion = link.completion();
        return transaction.preparedQuery(COMPLETE)
                .execute(Tuple.tuple().addUUID(link.id()).addString(link.status()).addString(completion.clientId())
                        .addArrayOfString(completion.channels().toArray(String[]::new))
                        .addArrayOfString(completion.revokedChannels().toArray(String[]::new))
                        .addOffsetDateTime(utc(completion.completedAt())))
                .replaceWithVoid();
    }

    private static Tuple issuedValues(Link link) {
        ValidLinkRequest request = link.request();
        return Tuple.tuple()
                .addUUID(link.id()).addString(link.hubId()).addString(link.partnerId()).addString(link.kind().wireName())
                .addString(Link.ISSUED).addString(link.ioState()).addLong(link.ioTimestamp()).addString(link.url())
                .addString(request.email()).addString(request.name()).addString(request.number())
                .addString(request.callerState())
                .addString(request.redirectTarget() == null ? null : request.redirectTarget().toString())
                .addString(request.partnerPayload()).addString(request.next()).addString(request.lang())
                .addString(request.planSelection()).addBoolean(request.connectClientUser())
                .addString(request.clientId())
                .addOffsetDateTime(utc(link.createdAt())).addOffsetDateTime(utc(link.expiresAt()))
                .addString(request.popupOrigin());
    }

    private static Optional<Link> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toLink(rows.iterator().next()));
    }

    private static Link toLink(Row row) {
        String redirectTarget = row.getString("redirect_target");
        ValidLinkRequest request = new ValidLinkRequest(
                LinkKind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                row.getString("email"), row.getString("name"), row.getString("number"), row.getString("caller_state"),
                redirectTarget == null ? null : URI.create(redirectTarget),
                row.getString("partner_payload"), row.getString("next_step"), row.getString("lang"),
                row.getString("plan_selection"), row.getBoolean("connect_client_user"),
                row.getString("requested_client_id"), row.getString("popup_origin"));
        Link.Completion completion = Link.COMPLETED.equals(row.getString("status"))
                ? new Link.Completion(row.getString("client_id"), list(row.getArrayOfStrings("channels")),
                        list(row.getArrayOfStrings("revoked_channels")), instant(row.getOffsetDateTime("completed_at")))
                : null;
        return new Link(row.getUUID("id"), row.getString("hub_id"), row.getString("partner_id"), request,
                row.getString("io_state"), row.getLong("io_timestamp"), row.getString("url"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("expires_at")), completion);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
