package bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The two comparisons of bench/engine.sh, each run in its own JVM so that all three tools pay their start-up:
 * {@code flyway URL DIR} migrates the versioned files of DIR; {@code loop URL N} runs the same statements as a
 * bare JDBC loop with one commit per task (the floor).
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        String url = args[1];
        switch (args[0]) {
            case "flyway" -> {
                Flyway flyway = Flyway.configure().dataSource(url, "postgres", "")
                        .locations("filesystem:" + Path.of(args[2]).toAbsolutePath()).load();
                int applied = flyway.migrate().migrationsExecuted;
                System.out.println("flyway applied " + applied);
            }
            case "loop" -> {
                int n = Integer.parseInt(args[2]);
                // -Dbench.progress=true: a line as each task starts, in cutover's words (bench/profile/engine-segments.py)
                boolean progress = Boolean.getBoolean("bench.progress");
                try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        for (int i = 1; i <= n; i++) {
                            if (progress) {
                                System.out.println("start  tables/t" + i);
                            }
                            s.execute("CREATE TABLE t" + i + " (id INT PRIMARY KEY, v TEXT)");
                            s.execute("INSERT INTO t" + i + " VALUES (1, 'x" + i + "')");
                            c.commit();
                        }
                    }
                }
                System.out.println("loop applied " + n);
            }
            default -> throw new IllegalArgumentException("flyway URL DIR | loop URL N");
        }
    }
}
