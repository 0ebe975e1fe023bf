package io.cutover.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * A database the plan touches. The engine is read from the JDBC URL.
 *
 * @param name             the key under {@code datasources}
 * @param url              the JDBC URL, references resolved
 * @param user             the user, may be empty
 * @param password         the password (usually a secret), may be empty
 * @param poolSize         HikariCP maximumPoolSize
 * @param lockTimeout      applied to every session, when given
 * @param statementTimeout applied to every session, when given
 */
public record Datasource(String name, String url, String user, String password, int poolSize,
                         Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {

    /** The database engines of format version 1. */
    public enum Engine { POSTGRESQL, MARIADB, H2, UNKNOWN }

    /** The engine this URL names. */
    public Engine engine() {
        return engineOf(url);
    }

    /** The engine a JDBC URL names. */
    public static Engine engineOf(String url) {
        String u = url == null ? "" : url.toLowerCase(java.util.Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return Engine.MARIADB;
        }
        if (u.startsWith("jdbc:h2:")) {
            return Engine.H2;
        }
        return Engine.UNKNOWN;
    }

    @Override
    public String toString() {
        return "Datasource[" + name + ", " + url + "]"; // never the password
    }
}
