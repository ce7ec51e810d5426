package com.bsp.onboarding.testing.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TestDatabaseResourceTest {

    private static final String DB = "test_support_selftest";

    @Test
    void startCreatesTheDatabaseAndReturnsQuarkusDatasourceConfig() {
        Map<String, String> config = resourceFor(DB).start();
        // Runs side by side (several worktrees on one server) name their databases with a suffix.
        String named = DB + setting("TEST_PG_DATABASE_SUFFIX", "");

        assertEquals("jdbc:postgresql://" + server() + "/" + named, config.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgresql://" + server() + "/" + named, config.get("quarkus.datasource.reactive.url"));
        assertEquals(setting("TEST_PG_USER", "postgres"), config.get("quarkus.datasource.username"));
        assertEquals("false", config.get("quarkus.datasource.devservices.enabled"));
        // No password entry for a trust-auth server: an empty one would override the application's.
        assertEquals(!setting("TEST_PG_PASSWORD", "").isEmpty(), config.containsKey("quarkus.datasource.password"));
        assertEquals(TestDatabaseResource.jdbcUrl(DB), config.get("quarkus.datasource.jdbc.url"));
        assertEquals(List.of(Map.of("db", named)), TestDatabaseResource.query(DB, "select current_database() as db"));
    }

    @Test
    void queryBindsParametersAndReturnsRowsInOrder() {
        resourceFor(DB).start();
        TestDatabaseResource.update(DB, "create table link (id int primary key, phone text)");
        assertEquals(2, TestDatabaseResource.update(DB, "insert into link values (?, ?), (?, ?)", 1, "+100", 2, "+200"));

        List<Map<String, Object>> rows = TestDatabaseResource.query(DB, "select id, phone from link where id >= ? order by id", 1);

        assertEquals(List.of(Map.of("id", 1, "phone", "+100"), Map.of("id", 2, "phone", "+200")), rows);
        assertEquals(List.of("id", "phone"), List.copyOf(rows.get(0).keySet()));
    }

    @Test
    void startingAgainWipesTheDatabaseEvenWithOpenSessions() throws Exception {
        TestDatabaseResource resource = resourceFor(DB);
        resource.start();
        TestDatabaseResource.update(DB, "create table leftover (id int)");
        try (Connection open = DriverManager.getConnection(TestDatabaseResource.jdbcUrl(DB),
                setting("TEST_PG_USER", "postgres"), setting("TEST_PG_PASSWORD", ""))) {
            assertFalse(open.isClosed());
            resource.start();
        }
        assertEquals(List.of(), TestDatabaseResource.query(DB,
                "select table_name from information_schema.tables where table_schema = 'public'"));
    }

    @Test
    void initRequiresAPlainDatabaseName() {
        TestDatabaseResource resource = new TestDatabaseResource();
        assertThrows(IllegalArgumentException.class, () -> resource.init(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> resource.init(Map.of("database", "x\"; drop database postgres; --")));
    }

    private static String server() {
        return setting("TEST_PG_HOST", "127.0.0.1") + ":" + setting("TEST_PG_PORT", "5432");
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name, System.getenv(name));
        return value != null ? value : defaultValue;
    }

    private static TestDatabaseResource resourceFor(String database) {
        TestDatabaseResource resource = new TestDatabaseResource();
        resource.init(Map.of(TestDatabaseResource.DATABASE, database));
        return resource;
    }
}
