package com.bsp.onboarding.link.links;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static com.bsp.onboarding.link.support.LinkApi.queryOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.link.LinkServiceConfig;
import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 360Dialog's IO signature covers only {@code {partnerId}|{io_timestamp}} and is accepted once, so two links
 * of a partner must never share a second. Hubs gamma and delta serve only this test: their clocks are set by
 * hand here, which would disturb any other test's links.
 */
@QuarkusTest
class GivingEveryLinkItsOwnSignatureSecondTest {

    private static final String DB = LinkServiceTestResources.DATABASE;

    @Inject
    LinkServiceConfig config;

    @Inject
    SignatureClock clock;

    @BeforeEach
    void startBothClocksAfresh() {
        for (String partner : List.of(TestApiKeys.GAMMA_PARTNER_ID, TestApiKeys.DELTA_PARTNER_ID)) {
            // The links go too: a fresh clock would otherwise hand out their seconds again. And the service
            // forgets its guesses, as a restarted replica would: the tests move clocks back by hand.
            TestDatabaseResource.update(DB, "DELETE FROM links WHERE partner_id = ?", partner);
            TestDatabaseResource.update(DB, "DELETE FROM signature_clock WHERE partner_id = ?", partner);
            clock.forget(partner);
        }
    }

    @Test
    void givesEveryLinkOfAConcurrentBurstItsOwnTimestampAndSignature() throws Exception {
        int links = 24;
        long before = Instant.now().getEpochSecond();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Map<String, String>> queries = new ArrayList<>();
        try {
            List<Callable<Map<String, String>>> calls = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                Map<String, Object> body = Map.of("email", "customer-" + i + "@shop.example");
                calls.add(() -> queryOf(issue(TestApiKeys.GAMMA, body).statusCode(201).extract().path("url")));
            }
            for (Future<Map<String, String>> query : callers.invokeAll(calls)) {
                queries.add(query.get());
            }
        } finally {
            callers.shutdownNow();
        }
        long after = Instant.now().getEpochSecond();

        Set<String> timestamps = new HashSet<>();
        Set<String> signatures = new HashSet<>();
        for (Map<String, String> query : queries) {
            long timestamp = Long.parseLong(query.get("io_timestamp"));
            // A guess whose statement reached the clock after a later guess's is refused and signed again for
            // a later second: its own stays unused, so a burst may leave a few seconds out.
            assertTrue(timestamp >= before && timestamp <= after + 2 * links,
                    "io_timestamp is now or, in a burst, one of the next seconds: " + timestamp);
            assertEquals(gammaSignature(timestamp), query.get("io_signature"), "each link is signed for its own second");
            timestamps.add(query.get("io_timestamp"));
            signatures.add(query.get("io_signature"));
        }
        assertEquals(links, timestamps.size(), "no two links of a partner share an io_timestamp: " + timestamps);
        assertEquals(links, signatures.size(), "so none shares an io_signature, which 360Dialog accepts once");
        assertEquals(List.of(Map.of("links", (long) links, "seconds", (long) links)),
                TestDatabaseResource.query(DB, "SELECT count(*) AS links, count(DISTINCT io_timestamp) AS seconds "
                        + "FROM links WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID));
        assertEquals(gammaClock(), timestamps.stream().mapToLong(Long::parseLong).max().orElseThrow(),
                "the clock stands at the latest second handed out");
    }

    @Test
    void retriesPastSecondsAnotherReplicaTookAndSignsForTheLaterSecond() {
        long first = ioTimestamp(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract());
        // Another replica issues three links meanwhile: this service's next guess, first + 1, is taken.
        for (int i = 1; i <= 3; i++) {
            insertLinkRow("other-replica-" + i, first + i);
        }
        setGammaClock(first + 3);

        Map<String, String> query = queryOf(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract().path("url"));

        long second = Long.parseLong(query.get("io_timestamp"));
        assertEquals(first + 4, second, "the first second after the other replica's");
        assertEquals(gammaSignature(second), query.get("io_signature"), "signed again for the second it got");
        assertEquals(first + 4, gammaClock());
        assertEquals(List.of(Map.of("links", 5L, "seconds", 5L)),
                TestDatabaseResource.query(DB, "SELECT count(*) AS links, count(DISTINCT io_timestamp) AS seconds "
                        + "FROM links WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID),
                "the missed guess stored nothing: two links of the service, three of the other replica");
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("links_signature_second_guesses_missed_total{hub=\"gamma\"}"));
    }

    @Test
    void neverRepeatsASecondWhileAnotherReplicaIssuesForThePartnerAtTheSameTime() throws Exception {
        int links = 40;
        ExecutorService callers = Executors.newFixedThreadPool(9);
        List<Long> ours = new ArrayList<>();
        try {
            // The other replica takes seconds the way the clock does (the later of now and the next second) and
            // stores its link in the same statement, as fast as it can, while this service issues a burst.
            Future<Integer> otherReplica = callers.submit(() -> {
                int stored = 0;
                for (int i = 0; i < links; i++) {
                    stored += TestDatabaseResource.update(DB, """
                            WITH taken AS (
                                INSERT INTO signature_clock AS clock (partner_id, last_second)
                                VALUES (?, floor(extract(epoch FROM clock_timestamp()))::bigint)
                                ON CONFLICT (partner_id) DO UPDATE
                                    SET last_second = GREATEST(EXCLUDED.last_second, clock.last_second + 1)
                                RETURNING last_second
                            )
                            INSERT INTO links (id, hub_id, partner_id, kind, status, io_state, io_timestamp, url,
                                created_at, expires_at)
                            SELECT gen_random_uuid(), 'gamma', ?, 'signup', 'issued', ?, last_second, 'https://x',
                                now(), now() + interval '1 day'
                            FROM taken""", TestApiKeys.GAMMA_PARTNER_ID, TestApiKeys.GAMMA_PARTNER_ID, "other-" + i);
                }
                return stored;
            });
            List<Callable<Long>> calls = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                calls.add(() -> ioTimestamp(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract()));
            }
            for (Future<Long> second : callers.invokeAll(calls)) {
                ours.add(second.get());
            }
            assertEquals(links, otherReplica.get());
        } finally {
            callers.shutdownNow();
        }

        assertEquals(links, new HashSet<>(ours).size(), "no two of this service's links share a second: " + ours);
        assertEquals(List.of(Map.of("links", 2L * links, "seconds", 2L * links)),
                TestDatabaseResource.query(DB, "SELECT count(*) AS links, count(DISTINCT io_timestamp) AS seconds "
                        + "FROM links WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID),
                "nor any with one of the other replica's");
        assertEquals(TestDatabaseResource.query(DB, "SELECT max(io_timestamp) AS max FROM links WHERE partner_id = ?",
                TestApiKeys.GAMMA_PARTNER_ID).get(0).get("max"), gammaClock(), "the clock is at the latest second");
    }

    @Test
    void keepsAClockForEachPartner() {
        long now = Instant.now().getEpochSecond();
        setGammaClock(now + 300);

        long gamma = ioTimestamp(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract());
        long delta = ioTimestamp(issue(TestApiKeys.DELTA, Map.of()).statusCode(201).extract());

        assertEquals(now + 301, gamma, "gamma's burst moved only gamma's clock");
        long after = Instant.now().getEpochSecond();
        assertTrue(delta >= now && delta <= after, "delta signs with the current second: " + delta);
    }

    @Test
    void borrowsSecondsFromTheNearFutureUpToTheLead() {
        long lead = config.signatureMaxLead().toSeconds();
        long clock = Instant.now().getEpochSecond() + lead - 3;
        setGammaClock(clock);

        long first = ioTimestamp(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract());
        long second = ioTimestamp(issue(TestApiKeys.GAMMA, Map.of()).statusCode(201).extract());

        assertEquals(clock + 1, first);
        assertEquals(clock + 2, second);
    }

    @Test
    void refusesALinkBeyondTheLeadWith429AndRetryAfterAndStoresNothing() {
        long lead = config.signatureMaxLead().toSeconds();
        long clock = Instant.now().getEpochSecond() + lead + 30;
        setGammaClock(clock);

        ExtractableResponse<Response> refused = issue(TestApiKeys.GAMMA, Map.of("email", "late@shop.example"))
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:bsp-onboarding:problem:signing-rate-exceeded"))
                .body("status", equalTo(429))
                .body("detail", containsString("at most one link per second on average"))
                .extract();

        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 29 && retryAfter <= 31, "the clock is 30 s beyond the lead: Retry-After " + retryAfter);
        String detail = refused.path("detail");
        assertTrue(detail.contains("retry after " + retryAfter + " seconds"), detail);
        assertEquals(0L, count("SELECT count(*) FROM links WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID),
                "nothing is stored");
        assertEquals(List.of(Map.of("last_second", clock)), TestDatabaseResource.query(DB,
                "SELECT last_second FROM signature_clock WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID),
                "a refused request takes no second");
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("links_rate_limited_total{hub=\"gamma\"}"));
    }

    @Test
    void anInvalidRequestTakesNoSecond() {
        issue(TestApiKeys.GAMMA, Map.of("email", "not-an-email")).statusCode(400);

        assertEquals(0L, count("SELECT count(*) FROM signature_clock WHERE partner_id = ?", TestApiKeys.GAMMA_PARTNER_ID));
    }

    @Test
    void theDatabaseRefusesTwoLinksOfAPartnerInOneSecond() {
        long second = Instant.now().getEpochSecond() + 86_400;
        insertLinkRow("backstop-1", second);

        IllegalStateException duplicate = assertThrows(IllegalStateException.class, () -> insertLinkRow("backstop-2", second));
        assertInstanceOf(SQLException.class, duplicate.getCause());
        assertEquals("23505", ((SQLException) duplicate.getCause()).getSQLState(), "a unique violation");
    }

    private static void insertLinkRow(String ioState, long ioTimestamp) {
        TestDatabaseResource.update(DB, "INSERT INTO links (id, hub_id, partner_id, kind, status, io_state, io_timestamp, "
                + "url, created_at, expires_at) VALUES (gen_random_uuid(), 'gamma', ?, 'signup', 'issued', ?, ?, 'https://x', "
                + "now(), now() + interval '1 day')", TestApiKeys.GAMMA_PARTNER_ID, ioState, ioTimestamp);
    }

    private static void setGammaClock(long lastSecond) {
        TestDatabaseResource.update(DB, "INSERT INTO signature_clock (partner_id, last_second) VALUES (?, ?) "
                + "ON CONFLICT (partner_id) DO UPDATE SET last_second = EXCLUDED.last_second",
                TestApiKeys.GAMMA_PARTNER_ID, lastSecond);
    }

    private static long gammaClock() {
        return (Long) TestDatabaseResource.query(DB, "SELECT last_second FROM signature_clock WHERE partner_id = ?",
                TestApiKeys.GAMMA_PARTNER_ID).get(0).get("last_second");
    }

    private static long count(String sql, Object... params) {
        return (Long) TestDatabaseResource.query(DB, sql, params).get(0).get("count");
    }

    private static long ioTimestamp(ExtractableResponse<Response> created) {
        return Long.parseLong(queryOf(created.path("url")).get("io_timestamp"));
    }

    private static String gammaSignature(long timestamp) {
        return IoSignature.sign(TestApiKeys.GAMMA_PARTNER_ID, timestamp,
                TestApiKeys.GAMMA_SECRET.getBytes(StandardCharsets.UTF_8), SignatureEncoding.HEX);
    }
}
