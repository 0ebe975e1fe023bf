package io.cutover.review;

import io.cutover.review.SqlChange.AddColumn;
import io.cutover.review.SqlChange.AddConstraint;
import io.cutover.review.SqlChange.ChangeType;
import io.cutover.review.SqlChange.CreateIndex;
import io.cutover.review.SqlChange.DropColumn;
import io.cutover.review.SqlChange.DropIndex;
import io.cutover.review.SqlChange.OtherDdl;
import io.cutover.review.SqlChange.RenameColumn;
import io.cutover.review.SqlChange.RenameTable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One action of an {@code ALTER TABLE}, PostgreSQL's or MariaDB's spelling. */
final class AlterAction {
    private static final String PART = SqlReader.PART;
    private static final Pattern RENAME_TO = SqlReader.p("^RENAME\\s+(?:TO\\s+|AS\\s+)?(" + PART + "(?:\\." + PART + ")*)$");
    private static final Pattern RENAME_OTHER = SqlReader.p("^RENAME\\s+(CONSTRAINT|INDEX|KEY)\\b");
    private static final Pattern RENAME_COLUMN = SqlReader.p("^RENAME\\s+(?:COLUMN\\s+)?(" + PART + ")\\s+TO\\s+(" + PART + ")");
    private static final Pattern ADD_CONSTRAINT = SqlReader.p("^ADD\\s+(?:CONSTRAINT\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + PART
            + "\\s+)?(FOREIGN\\s+KEY|CHECK)\\b");
    private static final Pattern ADD_INDEX = SqlReader.p("^ADD\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?(?:INDEX|KEY)\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + PART + ")");
    private static final Pattern ADD_COLUMN = SqlReader.p("^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + PART + ")\\s*(.*)$");
    private static final Pattern DROP_INDEX = SqlReader.p("^DROP\\s+(?:INDEX|KEY)\\s+(?:IF\\s+EXISTS\\s+)?(" + PART + ")");
    private static final Pattern DROP_COLUMN = SqlReader.p("^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + PART + ")");
    private static final Pattern ALTER_TYPE = SqlReader.p("^ALTER\\s+(?:COLUMN\\s+)?(" + PART + ")\\s+(?:SET\\s+DATA\\s+)?TYPE\\b");
    private static final Pattern MODIFY = SqlReader.p("^MODIFY\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + PART + ")");
    private static final Pattern CHANGE = SqlReader.p("^CHANGE\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + PART + ")\\s+(" + PART + ")");
    private static final Pattern OPTION = SqlReader.p("^(ALGORITHM|LOCK|FORCE)\\b");

    private AlterAction() {
    }

    /** What one action of {@code ALTER TABLE table} does; empty for a table option such as ALGORITHM=INSTANT. */
    static Optional<SqlChange> read(String table, String action, boolean online) {
        Matcher m;
        if (action.isEmpty() || OPTION.matcher(action).lookingAt()) {
            return Optional.empty();
        }
        if (RENAME_OTHER.matcher(action).lookingAt()) {
            return Optional.of(new OtherDdl("ALTER TABLE", table));
        }
        if ((m = RENAME_COLUMN.matcher(action)).lookingAt()) {
            return Optional.of(new RenameColumn(table, m.group(1), m.group(2)));
        }
        if ((m = RENAME_TO.matcher(action)).lookingAt()) {
            return Optional.of(new RenameTable(table, m.group(1)));
        }
        if ((m = ADD_CONSTRAINT.matcher(action)).lookingAt()) {
            String kind = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            return Optional.of(new AddConstraint(table, kind, SqlReader.has(action, "\\bNOT\\s+VALID\\b")));
        }
        if ((m = ADD_INDEX.matcher(action)).lookingAt()) {
            return Optional.of(new CreateIndex(m.group(1), table, false, true));
        }
        if ((m = ADD_COLUMN.matcher(action)).lookingAt() && isColumn(m.group(1))) {
            String definition = m.group(2);
            boolean notNull = SqlReader.has(definition, "\\bNOT\\s+NULL\\b|\\bPRIMARY\\s+KEY\\b");
            boolean filled = SqlReader.has(definition,
                    "\\bDEFAULT\\b|\\bGENERATED\\b|\\bIDENTITY\\b|\\b(?:SMALL|BIG)?SERIAL\\b|\\bAUTO_INCREMENT\\b");
            return Optional.of(new AddColumn(table, m.group(1), notNull, filled));
        }
        if ((m = DROP_INDEX.matcher(action)).lookingAt()) {
            return Optional.of(new DropIndex(m.group(1), table, false));
        }
        if ((m = DROP_COLUMN.matcher(action)).lookingAt() && isColumn(m.group(1))) {
            return Optional.of(new DropColumn(table, m.group(1)));
        }
        if ((m = ALTER_TYPE.matcher(action)).lookingAt() || (m = MODIFY.matcher(action)).lookingAt()) {
            return Optional.of(new ChangeType(table, m.group(1), online));
        }
        if ((m = CHANGE.matcher(action)).lookingAt()) {
            return Optional.of(SqlName.same(m.group(1), m.group(2)) ? new ChangeType(table, m.group(1), online)
                    : new RenameColumn(table, m.group(1), m.group(2)));
        }
        return Optional.of(new OtherDdl("ALTER TABLE", table));
    }

    private static boolean isColumn(String word) {
        return !SqlReader.NOT_COLUMNS.contains(word.toUpperCase(Locale.ROOT));
    }
}
