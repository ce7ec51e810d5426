package com.bsp.onboarding.testing.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} application a fresh database of its own on the local PostgreSQL
 * server: dropped (even with open sessions) and created anew each time the resource starts.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = TestDatabaseResource.class,
 *         initArgs = &#64;ResourceArg(name = TestDatabaseResource.DATABASE, value = "link_service_test"))
 * </pre>
 *
 * The server is read from system properties or else environment variables {@code TEST_PG_HOST}
 * (127.0.0.1), {@code TEST_PG_PORT} (5432), {@code TEST_PG_USER} (postgres) and
 * {@code TEST_PG_PASSWORD} (empty). {@code TEST_PG_DATABASE_SUFFIX} (empty) is appended to every test
 * database name, so two checkouts can run their tests on one server at the same time.
 */
public class TestDatabaseResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the database to create, e.g. {@code link_service_test}. */
    public static final String DATABASE = "database";

    // Database names go into DDL, which cannot take bind parameters: only plain identifiers pass.
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final String MAINTENANCE_DATABASE = "postgres";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(DATABASE);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs the init arg '" + DATABASE + "'");
        }
        checkedName(name);
        database = name;
    }

    @Override
    public Map<String, String> start() {
        if (database == null) {
            throw new IllegalStateException("init(Map) with '" + DATABASE + "' must be called before start()");
        }
        recreate(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", setting("TEST_PG_USER", "postgres"));
        String password = setting("TEST_PG_PASSWORD", "");
        if (!password.isEmpty()) {
            config.put("quarkus.datasource.password", password);
        }
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.devservices.enabled", "false");
        return config;
    }

    /** Keeps the database after the run so a failed test's data can be inspected; the next start wipes it. */
    @Override
    public void stop() {
    }

    /** Drops {@code database} if it exists, closing its sessions, and creates it empty. */
    public static void recreate(String database) {
        String quoted = '"' + checkedName(database) + '"';
        try (Connection c = connect(MAINTENANCE_DATABASE); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + quoted);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate test database " + database + " on " + serverAddress(), e);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + serverAddress() + "/" + checkedName(database);
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + serverAddress() + "/" + checkedName(database);
    }

    /** Runs a query with bind parameters; each row maps column labels to values, in column order. */
    public static List<Map<String, Object>> query(String database, String sql, Object... params) {
        try (Connection c = connect(database); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + database + ": " + sql, e);
        }
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement with bind parameters; returns the update count. */
    public static int update(String database, String sql, Object... params) {
        try (Connection c = connect(database); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed on " + database + ": " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    /**
     * Uses the driver directly rather than DriverManager: inside a Quarkus test the driver is loaded by
     * a Quarkus class loader, and DriverManager refuses drivers its caller's class loader did not load.
     */
    private static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", setting("TEST_PG_USER", "postgres"));
        String password = setting("TEST_PG_PASSWORD", "");
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        Connection c = new org.postgresql.Driver().connect(jdbcUrl(database), props);
        if (c == null) {
            throw new SQLException("PostgreSQL driver rejected " + jdbcUrl(database));
        }
        return c;
    }

    private static String serverAddress() {
        return setting("TEST_PG_HOST", "127.0.0.1") + ":" + setting("TEST_PG_PORT", "5432");
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value != null ? value : defaultValue;
    }

    private static String checkedName(String database) {
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        if (MAINTENANCE_DATABASE.equals(database)) {
            return database;
        }
        String named = database + setting("TEST_PG_DATABASE_SUFFIX", "");
        if (!IDENTIFIER.matcher(named).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + named);
        }
        return named;
    }
}
