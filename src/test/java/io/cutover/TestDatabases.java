package io.cutover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh databases on the real PostgreSQL and MariaDB servers of the machine (127.0.0.1, trust
 * auth / root without password, as .ci/run provides). Never mocked.
 */
public final class TestDatabases {
    public static final String PG_HOST = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    public static final String PG_PORT = System.getenv().getOrDefault("PGPORT", "5432");
    public static final String PG_USER = System.getenv().getOrDefault("PGUSER", "postgres");
    public static final String MARIA_HOST = System.getenv().getOrDefault("MARIADB_HOST", "127.0.0.1");
    public static final String MARIA_PORT = System.getenv().getOrDefault("MARIADB_PORT", "3306");

    private TestDatabases() {
    }

    /** Drops and creates PostgreSQL database {@code name}; returns its JDBC URL. */
    public static String postgres(String name) {
        String admin = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed on " + PG_HOST + ":" + PG_PORT + " (see .ci/run): " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name;
    }

    /** Drops and creates MariaDB database {@code name}; returns its JDBC URL. */
    public static String mariadb(String name) {
        String admin = "jdbc:mariadb://" + MARIA_HOST + ":" + MARIA_PORT + "/";
        try (Connection c = DriverManager.getConnection(admin, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is needed on " + MARIA_HOST + ":" + MARIA_PORT + " (see .ci/run): " + e.getMessage(), e);
        }
        return "jdbc:mariadb://" + MARIA_HOST + ":" + MARIA_PORT + "/" + name;
    }
}
