package io.cutover.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.load.SecretMask;
import io.cutover.plan.Datasource;
import io.cutover.plan.Plan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HikariCP pool per datasource of the plan, opened on first use and closed at the end of the
 * run. {@code lock_timeout} and {@code statement_timeout} are applied to every session as it is
 * opened, in the engine's own words.
 */
public final class Pools implements AutoCloseable {
    private final Plan plan;
    private final SecretMask secrets;
    private final Map<String, HikariDataSource> open = new LinkedHashMap<>();

    public Pools(Plan plan, SecretMask secrets) {
        this.plan = plan;
        this.secrets = secrets;
    }

    /** A connection to {@code name}; the caller closes it (back to the pool). */
    public Connection connection(String name) throws SQLException {
        return pool(name).getConnection();
    }

    /**
     * Opens a first connection to each of these datasources on a thread of its own, while the caller goes on (with the
     * state store and the lease): the first task then finds it open. Failures are left for the first real use to report.
     */
    public void warm(java.util.Collection<String> names) {
        for (String name : new java.util.LinkedHashSet<>(names)) {
            Thread t = new Thread(() -> {
                try (Connection c = connection(name)) {
                    c.isReadOnly(); // the session is set up: connection init SQL has run
                } catch (SQLException | RuntimeException e) {
                    // the first real use reports it, in its own words
                }
            }, "cutover-connect-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Takes a connection of {@code name}'s pool out of it for good, closing it (a task's timeout aborted it). */
    public synchronized void evict(String name, Connection connection) {
        HikariDataSource pool = open.get(name);
        if (pool != null) {
            pool.evictConnection(connection);
        }
    }

    /** The datasource definition. */
    public Datasource datasource(String name) {
        Datasource ds = plan.datasources().get(name);
        if (ds == null) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "unknown datasource '" + name + "'");
        }
        return ds;
    }

    private synchronized HikariDataSource pool(String name) {
        HikariDataSource existing = open.get(name);
        if (existing != null) {
            return existing;
        }
        Datasource ds = datasource(name);
        HikariConfig config = new HikariConfig();
        config.setPoolName("cutover-" + name);
        config.setJdbcUrl(ds.url());
        if (!ds.user().isEmpty()) {
            config.setUsername(ds.user());
        }
        config.setPassword(ds.password());
        config.setMaximumPoolSize(ds.poolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(15_000);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        sessionSettings(ds).ifPresent(config::setConnectionInitSql);
        if (ds.engine() == Datasource.Engine.MARIADB) {
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
        }
        try {
            HikariDataSource pool = new HikariDataSource(config);
            open.put(name, pool);
            return pool;
        } catch (RuntimeException e) {
            throw new CutoverException(ErrorCode.FAILED, "cannot open datasource '" + name + "': " + secrets.mask(String.valueOf(e.getMessage())), e);
        }
    }

    /** The session settings of a datasource, as one statement its engine accepts. */
    static Optional<String> sessionSettings(Datasource ds) {
        Optional<Duration> lock = ds.lockTimeout();
        Optional<Duration> statement = ds.statementTimeout();
        if (lock.isEmpty() && statement.isEmpty()) {
            return Optional.empty();
        }
        return switch (ds.engine()) {
            case POSTGRESQL -> Optional.of(String.join("; ",
                    lock.map(d -> "SET lock_timeout = " + d.toMillis()).orElse("SELECT 1"),
                    statement.map(d -> "SET statement_timeout = " + d.toMillis()).orElse("SELECT 1")));
            case MARIADB -> Optional.of("SET SESSION " + String.join(", ",
                    lock.map(d -> "lock_wait_timeout = " + Math.max(1, d.toSeconds()) + ", innodb_lock_wait_timeout = "
                            + Math.max(1, d.toSeconds())).orElse("sql_mode = sql_mode"),
                    statement.map(d -> "max_statement_time = " + (d.toMillis() / 1000.0)).orElse("sql_mode = sql_mode")));
            case H2 -> lock.map(d -> "SET LOCK_TIMEOUT " + d.toMillis());
            default -> Optional.empty();
        };
    }

    @Override
    public synchronized void close() {
        open.values().forEach(HikariDataSource::close);
        open.clear();
    }
}
