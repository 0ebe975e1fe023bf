package io.cutover.review;

import io.cutover.plan.Datasource.Engine;
import io.cutover.review.SqlChange.CreateIndex;
import io.cutover.review.SqlChange.CreateTable;
import io.cutover.review.SqlChange.DropIndex;
import io.cutover.review.SqlChange.DropSchema;
import io.cutover.review.SqlChange.DropTable;
import io.cutover.review.SqlChange.OtherDdl;
import io.cutover.review.SqlChange.RenameTable;
import io.cutover.review.SqlChange.SetLockTimeout;
import io.cutover.review.SqlChange.Truncate;
import io.cutover.review.SqlChange.WriteRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what one SQL statement changes, by token patterns on its code ({@link SqlCode}: no
 * comments, no string contents), so that {@code 'DROP TABLE x'} in a literal or a comment is not a
 * drop. It reads the statements migrations are made of; anything else is no change, or
 * {@link OtherDdl} when it is DDL that locks a table.
 */
final class SqlReader {
    /** One part of a name: "quoted", `quoted`, or a word that may hold ${...} references (no alternation in a loop). */
    static final String PART = "(?:\"[^\"]*(?:\"\"[^\"]*)*\"|`[^`]+`|[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\{[^}]*\\}[\\p{L}\\p{N}_$]*)*)";
    private static final String NAME = PART + "(?:\\s*\\.\\s*" + PART + ")*";
    private static final String NAMES = NAME + "(?:\\s*,\\s*" + NAME + ")*";
    private static final Pattern ONE_NAME = Pattern.compile(NAME);
    private static final Pattern CREATE_TABLE = p("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?"
            + "(TEMP\\s+|TEMPORARY\\s+|UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")");
    private static final Pattern DROP_TABLE = p("^DROP\\s+(TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + NAMES + ")");
    private static final Pattern DROP_SCHEMA = p("^DROP\\s+(SCHEMA|DATABASE)\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")");
    private static final Pattern CREATE_INDEX = p("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:ONLINE|OFFLINE)\\s+)?"
            + "(?:(?:UNIQUE|FULLTEXT|SPATIAL)\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(" + NAME
            + ")\\s+)?ON\\s+(?:ONLY\\s+)?(" + NAME + ")");
    private static final Pattern DROP_INDEX = p("^DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(" + NAMES
            + ")(?:\\s+ON\\s+(" + NAME + "))?");
    private static final Pattern TRUNCATE = p("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + NAMES + ")");
    private static final Pattern DELETE = p("^DELETE\\b.*?\\bFROM\\s+(?:ONLY\\s+)?(" + NAME + ")");
    private static final Pattern WRITE = p("^(INSERT|UPDATE|MERGE|REPLACE|UPSERT|COPY|LOAD\\s+DATA)\\b(?:\\s+(?:INTO\\s+)?(?:ONLY\\s+)?("
            + NAME + "))?");
    private static final Pattern SET_LOCK_TIMEOUT = p("^SET\\s+(?:SESSION\\s+|LOCAL\\s+)?lock_timeout\\b");
    private static final Pattern SET_CONFIG_LOCK_TIMEOUT = p("set_config\\s*\\(\\s*'lock_timeout'");
    private static final Pattern RENAME_TABLES = p("^RENAME\\s+TABLES?\\s+(.*)$");
    private static final Pattern RENAME_PAIR = p("(" + NAME + ")\\s+TO\\s+(" + NAME + ")");
    private static final Pattern ALTER_TABLE = p("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + NAME + ")\\s*\\*?\\s*(.*)$");
    private static final Pattern OTHER_DDL = p("^(ALTER\\s+\\w+|DROP\\s+\\w+|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER"
            + "|LOCK\\s+TABLES?|LOCK|REINDEX|CLUSTER|VACUUM\\s+FULL)\\b");
    private static final Pattern MAIN_VERB = p("\\b(SELECT|INSERT|UPDATE|DELETE|MERGE)\\b");
    private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern ONLINE = p("\\bALGORITHM\\s*=?\\s*(INSTANT|NOCOPY|INPLACE)\\b");

    private SqlReader() {
    }

    static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** What the statement changes; empty for a query or a statement lint does not know. */
    static List<SqlChange> read(String sql, Engine engine) {
        String code = main(SqlCode.strip(sql, engine));
        List<SqlChange> out = new ArrayList<>();
        Matcher m;
        if ((m = CREATE_TABLE.matcher(code)).lookingAt()) {
            out.add(new CreateTable(m.group(2), m.group(1) != null && !m.group(1).strip().equalsIgnoreCase("UNLOGGED"),
                    has(code, "\\bREFERENCES\\b")));
        } else if ((m = DROP_TABLE.matcher(code)).lookingAt()) {
            boolean temporary = m.group(1) != null;
            names(m.group(2)).forEach(n -> out.add(new DropTable(n, temporary)));
        } else if ((m = DROP_SCHEMA.matcher(code)).lookingAt()) {
            out.add(new DropSchema(m.group(1).toUpperCase(Locale.ROOT), m.group(2)));
        } else if ((m = CREATE_INDEX.matcher(code)).lookingAt()) {
            out.add(new CreateIndex(m.group(2) == null ? "" : m.group(2), m.group(3), m.group(1) != null, false));
        } else if ((m = DROP_INDEX.matcher(code)).lookingAt()) {
            boolean concurrently = m.group(1) != null;
            String table = m.group(3) == null ? "" : m.group(3);
            names(m.group(2)).forEach(n -> out.add(new DropIndex(n, table, concurrently)));
        } else if ((m = TRUNCATE.matcher(code)).lookingAt()) {
            names(m.group(1)).forEach(n -> out.add(new Truncate(n)));
        } else if ((m = DELETE.matcher(code)).lookingAt()) {
            out.add(new WriteRows("DELETE", m.group(1), !hasTopLevelWord(code, "WHERE")));
        } else if ((m = WRITE.matcher(code)).lookingAt()) {
            String verb = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!verb.equals("COPY") || has(code, "\\bFROM\\b")) {
                out.add(new WriteRows(verb, m.group(2) == null ? "" : m.group(2), false));
            }
        } else if (SET_LOCK_TIMEOUT.matcher(code).lookingAt() || SET_CONFIG_LOCK_TIMEOUT.matcher(sql).find()) {
            out.add(new SetLockTimeout());
        } else if ((m = RENAME_TABLES.matcher(code)).lookingAt()) {
            Matcher pair = RENAME_PAIR.matcher(m.group(1));
            while (pair.find()) {
                out.add(new RenameTable(pair.group(1), pair.group(2)));
            }
        } else if ((m = ALTER_TABLE.matcher(code)).lookingAt()) {
            boolean online = ONLINE.matcher(code).find();
            for (String action : topLevel(m.group(2), ',')) {
                AlterAction.read(m.group(1), action.strip(), online).ifPresent(out::add);
            }
        } else if ((m = OTHER_DDL.matcher(code)).lookingAt()) {
            out.add(new OtherDdl(m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " "), ""));
        }
        return out;
    }

    /** The statement a {@code WITH ...} prefix leads to ({@code WITH x AS (...) DELETE FROM t}), else the code itself. */
    private static String main(String code) {
        if (!code.regionMatches(true, 0, "WITH ", 0, 5)) {
            return code;
        }
        Matcher verb = MAIN_VERB.matcher(code);
        int depth = 0;
        int from = 0;
        while (verb.find(from)) {
            depth += depthChange(code, from, verb.start());
            if (depth == 0) {
                return code.substring(verb.start());
            }
            from = verb.end();
        }
        return code;
    }

    private static int depthChange(String code, int from, int to) {
        int d = 0;
        for (int i = from; i < to; i++) {
            d += code.charAt(i) == '(' ? 1 : code.charAt(i) == ')' ? -1 : 0;
        }
        return d;
    }

    static boolean has(String code, String regex) {
        return COMPILED.computeIfAbsent(regex, SqlReader::p).matcher(code).find();
    }

    /** The names of a comma-separated list. */
    static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = ONE_NAME.matcher(list);
        while (m.find()) {
            out.add(m.group().replaceAll("\\s*\\.\\s*", "."));
        }
        return out;
    }

    /** {@code text} cut at {@code separator} where it is outside parentheses and quoted names. */
    static List<String> topLevel(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '`' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /** True when {@code word} stands in the code outside parentheses (a WHERE of the statement, not of a subquery). */
    static boolean hasTopLevelWord(String code, String word) {
        Matcher m = COMPILED.computeIfAbsent("\\b" + word + "\\b", SqlReader::p).matcher(code);
        while (m.find()) {
            if (depthChange(code, 0, m.start()) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Words that follow ADD or DROP in ALTER TABLE without naming a column. */
    static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "INDEX", "KEY", "FOREIGN", "CHECK",
            "FULLTEXT", "SPATIAL", "PARTITION", "PERIOD", "SYSTEM", "EXCLUDE", "DEFAULT", "IF", "COLUMN", "VERSIONING");
}
