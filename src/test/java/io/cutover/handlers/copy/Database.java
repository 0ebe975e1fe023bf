package io.cutover.handlers.copy;

import io.cutover.TestDatabases;
import io.cutover.plan.Datasource.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One side of a copy in the tests: a real database (PostgreSQL, MariaDB, or an H2 file) with what
 * the tests need to write and read it the same way on every engine, without trusting the code under
 * test: the column types for a logical type, instants written and read in UTC whatever the JVM's
 * zone (a MariaDB {@code DATETIME(6)} holds UTC, as plan-format.md says), and the plan's datasource.
 */
public record Database(Engine engine, String url, String user, String password) {
    private static final DateTimeFormatter MARIADB_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /**
     * A fresh PostgreSQL database, its name suffixed with this JVM's process id: a build running the
     * same tests beside this one (as happens on a shared machine) must not write into its tables.
     * {@link #drop()} it when done.
     */
    public static Database postgres(String name) {
        return new Database(Engine.POSTGRESQL, TestDatabases.postgres(unique(name)), TestDatabases.PG_USER, "");
    }

    /** A fresh MariaDB database (utf8mb4), named as {@link #postgres} names its. */
    public static Database mariadb(String name) {
        return new Database(Engine.MARIADB, TestDatabases.mariadb(unique(name)), "root", "");
    }

    private static String unique(String name) {
        return name + "_" + ProcessHandle.current().pid();
    }

    /** Drops the database (PostgreSQL, MariaDB); H2 files go with their temporary folder. */
    public void drop() throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        if (engine == Engine.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } else if (engine == Engine.MARIADB) {
            try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1), user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /**
     * A fresh PostgreSQL database with the million-row {@code events} table of the kill and verify tests: NULLs,
     * negative numerics with scale, 4-byte unicode, microsecond timestamps.
     */
    public static Database millionEvents(String name) throws SQLException {
        Database db = postgres(name);
        db.exec("CREATE TABLE events (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, amount NUMERIC(12,2), note TEXT,"
                + " happened_at TIMESTAMPTZ NOT NULL)", """
                INSERT INTO events SELECT g, 'k' || (g % 13),
                  CASE WHEN g % 17 = 0 THEN NULL ELSE ((g % 200000) - 100000) / 100.0 END,
                  CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN 'zaž 😀𝄞 ' || g ELSE md5(g::text) END,
                  timestamptz '2026-01-01 00:00:00+00' + g * interval '1.000001 second'
                FROM generate_series(1, 1000000) g""", "ANALYZE events");
        return db;
    }

    /** The databases a test made, dropped together after it: {@code @AfterEach void drop() { databases.dropAll(); }}. */
    public static final class Made {
        private final java.util.List<Database> made = new java.util.ArrayList<>();

        /** A fresh PostgreSQL database, dropped by {@link #dropAll}. */
        public Database postgres(String name) {
            return add(Database.postgres(name));
        }

        /** A fresh MariaDB database, dropped by {@link #dropAll}. */
        public Database mariadb(String name) {
            return add(Database.mariadb(name));
        }

        private Database add(Database db) {
            made.add(db);
            return db;
        }

        /** Drops them all. */
        public void dropAll() throws SQLException {
            for (Database db : made) {
                db.drop();
            }
            made.clear();
        }
    }

    /** A fresh H2 file database under {@code dir}. */
    public static Database h2(Path dir, String name) {
        return new Database(Engine.H2, "jdbc:h2:file:" + dir.resolve("h2").resolve(name).toAbsolutePath(), "sa", "");
    }

    /** The datasource as a plan writes it (one YAML flow mapping). */
    public String yaml() {
        return "{url: \"" + url + "\", user: \"" + user + "\", password: \"" + password + "\"}";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs statements, each on its own (autocommit). */
    public void exec(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of the first row, as a long (0 for no row or NULL). */
    public long number(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The first column of the first row as text, or empty when there is no row. */
    public Optional<String> text(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** True when {@code table} exists (unquoted name, any case). */
    public boolean hasTable(String table) throws SQLException {
        try (Connection c = connect()) {
            for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
                try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Rows in {@code table}; 0 when the table is not there. */
    public long count(String table) throws SQLException {
        return hasTable(table) ? number("SELECT count(*) FROM " + table) : 0;
    }

    /** The column type this engine uses for a logical type of the tests. */
    public String type(Kind kind) {
        return switch (engine) {
            case POSTGRESQL -> switch (kind) {
                case SHORT_TEXT -> "VARCHAR(200)";
                case LONG_TEXT -> "TEXT";
                case DECIMAL -> "NUMERIC(12,2)";
                case INSTANT -> "TIMESTAMPTZ";
                case BYTES -> "BYTEA";
            };
            case MARIADB -> switch (kind) {
                case SHORT_TEXT -> "VARCHAR(200)";
                case LONG_TEXT -> "LONGTEXT";
                case DECIMAL -> "DECIMAL(12,2)";
                case INSTANT -> "DATETIME(6)";
                case BYTES -> "LONGBLOB";
            };
            default -> switch (kind) {
                case SHORT_TEXT -> "VARCHAR(200)";
                case LONG_TEXT -> "CLOB";
                case DECIMAL -> "NUMERIC(12,2)";
                case INSTANT -> "TIMESTAMP(6) WITH TIME ZONE";
                case BYTES -> "BLOB";
            };
        };
    }

    /** Logical column types. */
    public enum Kind { SHORT_TEXT, LONG_TEXT, DECIMAL, INSTANT, BYTES }

    /** The SQL for "now" as this engine stores it in an {@link Kind#INSTANT} column. */
    public String now() {
        return switch (engine) {
            case POSTGRESQL -> "now()";
            case MARIADB -> "UTC_TIMESTAMP(6)";
            default -> "CURRENT_TIMESTAMP";
        };
    }

    /** Binds an instant (NULL allowed) to an {@link Kind#INSTANT} column; MariaDB gets the UTC wall time as text. */
    public void bindInstant(PreparedStatement ps, int index, OffsetDateTime value) throws SQLException {
        if (engine == Engine.MARIADB) {
            ps.setString(index, value == null ? null
                    : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().format(MARIADB_DATETIME));
        } else if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value);
        }
    }

    /** The select expression that {@link #readInstant} reads an {@link Kind#INSTANT} column through. */
    public String instantSql(String column) {
        return engine == Engine.MARIADB ? "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')" : column;
    }

    /** An instant read through {@link #instantSql}, whatever the JVM's default zone. */
    public Instant readInstant(ResultSet rs, int index) throws SQLException {
        if (engine == Engine.MARIADB) {
            String text = rs.getString(index);
            return text == null ? null : LocalDateTime.parse(text, MARIADB_DATETIME).toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A statement that reads {@code table} as a stream (PostgreSQL needs a transaction and a fetch size). */
    public Statement streaming(Connection c) throws SQLException {
        c.setAutoCommit(false);
        Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(10_000);
        return s;
    }
}
