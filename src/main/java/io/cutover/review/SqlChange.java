package io.cutover.review;

/**
 * What one SQL statement (or one action of an {@code ALTER TABLE}) does, as far as lint cares.
 * {@link SqlReader} finds them; names are as written (compare them with {@link SqlName}).
 */
sealed interface SqlChange {

    /** The change in a few words of SQL, for messages: {@code DROP TABLE orders}. */
    String describe();

    /** The table this change is about; empty when none. */
    default String table() {
        return "";
    }

    /**
     * True when PostgreSQL takes a lock on an existing table for it that can queue other queries, so
     * that {@code lock_timeout} matters.
     */
    default boolean locksTable() {
        return true;
    }

    /** {@code CREATE [TEMP] TABLE}; {@code references} when it declares a foreign key (which locks the other table). */
    record CreateTable(String table, boolean temporary, boolean references) implements SqlChange {
        @Override
        public String describe() {
            return "CREATE TABLE " + table;
        }

        @Override
        public boolean locksTable() {
            return references;
        }
    }

    /** {@code DROP TABLE}, one record per table named. */
    record DropTable(String table, boolean temporary) implements SqlChange {
        @Override
        public String describe() {
            return "DROP TABLE " + table;
        }
    }

    /** {@code DROP SCHEMA} or {@code DROP DATABASE}. */
    record DropSchema(String kind, String name) implements SqlChange {
        @Override
        public String describe() {
            return "DROP " + kind + " " + name;
        }
    }

    /** {@code CREATE INDEX}, or MariaDB's {@code ALTER TABLE ... ADD INDEX} ({@code viaAlter}); name empty when unnamed. */
    record CreateIndex(String name, String table, boolean concurrently, boolean viaAlter) implements SqlChange {
        @Override
        public String describe() {
            return "CREATE INDEX " + (name.isEmpty() ? "" : name + " ") + "ON " + table;
        }

        @Override
        public boolean locksTable() {
            return !concurrently;
        }
    }

    /** {@code DROP INDEX}; table empty unless written ({@code DROP INDEX i ON t}, {@code ALTER TABLE t DROP INDEX i}). */
    record DropIndex(String name, String table, boolean concurrently) implements SqlChange {
        @Override
        public String describe() {
            return "DROP INDEX " + name;
        }

        @Override
        public boolean locksTable() {
            return !concurrently;
        }
    }

    /** {@code ADD [COLUMN]}; {@code filled} when a DEFAULT, identity or generated value fills existing rows. */
    record AddColumn(String table, String column, boolean notNull, boolean filled) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " ADD COLUMN " + column;
        }
    }

    /** {@code DROP [COLUMN]}. */
    record DropColumn(String table, String column) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " DROP COLUMN " + column;
        }
    }

    /** {@code ALTER COLUMN ... TYPE}, {@code MODIFY}, {@code CHANGE a a}; {@code online} when MariaDB's ALGORITHM forbids a copy. */
    record ChangeType(String table, String column, boolean online) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " ALTER " + column + " TYPE";
        }
    }

    /** {@code ALTER TABLE a RENAME TO b}, {@code RENAME TABLE a TO b}. */
    record RenameTable(String table, String to) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " RENAME TO " + to;
        }
    }

    /** {@code RENAME COLUMN a TO b}, MariaDB's {@code CHANGE a b ...}. */
    record RenameColumn(String table, String from, String to) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " RENAME " + from + " TO " + to;
        }
    }

    /** {@code ADD [CONSTRAINT c] FOREIGN KEY|CHECK}; kind is {@code FOREIGN KEY} or {@code CHECK}. */
    record AddConstraint(String table, String kind, boolean notValid) implements SqlChange {
        @Override
        public String describe() {
            return "ALTER TABLE " + table + " ADD " + kind;
        }
    }

    /** {@code TRUNCATE}, one record per table. */
    record Truncate(String table) implements SqlChange {
        @Override
        public String describe() {
            return "TRUNCATE " + table;
        }
    }

    /** INSERT, UPDATE, DELETE, MERGE, REPLACE, COPY ... FROM; {@code everyRow} for a DELETE without WHERE. */
    record WriteRows(String verb, String table, boolean everyRow) implements SqlChange {
        @Override
        public String describe() {
            return (verb + " " + (verb.equals("DELETE") ? "FROM " : verb.equals("INSERT") ? "INTO " : "") + table).strip() + (everyRow ? " without WHERE" : "");
        }

        @Override
        public boolean locksTable() {
            return false;
        }
    }

    /** {@code SET [LOCAL] lock_timeout} or {@code set_config('lock_timeout', ...)}. */
    record SetLockTimeout() implements SqlChange {
        @Override
        public String describe() {
            return "SET lock_timeout";
        }

        @Override
        public boolean locksTable() {
            return false;
        }
    }

    /** Any other DDL that locks a table: other ALTER TABLE actions, DROP VIEW, CREATE TRIGGER, LOCK TABLE, ... */
    record OtherDdl(String verb, String table) implements SqlChange {
        @Override
        public String describe() {
            return (verb + " " + table).strip();
        }
    }
}
