package io.cutover.handlers.sql;

import io.cutover.plan.Datasource.Engine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts a {@code sql} task's script into statements, the way the database's own command-line
 * client would, so that each can be sent alone over JDBC.
 *
 * <pre>{@code
 * List<Statement> statements = StatementSplitter.split(script, datasource.engine());
 * boolean oneTransaction = StatementSplitter.canRunInTransaction(statements);
 * }</pre>
 *
 * <h2>Where a statement ends</h2>
 * At a {@code ;} that is not inside a quoted string, a quoted identifier, a comment or a
 * dollar-quoted body. A script need not end with {@code ;}; empty statements ({@code ;;}) and
 * comment-only parts yield nothing. What counts as quoted follows the engine:
 * <ul>
 * <li>all: {@code '...'} with {@code ''}, {@code "..."} with {@code ""}, {@code -- } line comments
 *     and {@code /* *}{@code /} block comments;</li>
 * <li>PostgreSQL: block comments nest; {@code E'...'} strings take backslash escapes, while a
 *     backslash in {@code '...'} is an ordinary character (standard_conforming_strings, on since
 *     9.1); {@code $$...$$} and {@code $tag$...$tag$} bodies, in which another tag is just text;
 *     {@code $1} is a parameter, and {@code a$b} an identifier;</li>
 * <li>MariaDB (default sql_mode): a backslash escapes the next character in {@code '...'} and
 *     {@code "..."}; {@code `...`} identifiers; {@code #} starts a line comment and {@code --} does
 *     only when a space or control character follows; block comments do not nest, and
 *     {@code /*! ... *}{@code /} executable comments count as code;</li>
 * <li>H2: block comments nest; {@code //} starts a line comment; {@code $$...$$} strings.</li>
 * </ul>
 * An unknown engine gets the standard's rules: those under "all", with nesting block comments.
 *
 * <h2>Bodies with inner semicolons</h2>
 * MariaDB's client needs {@code DELIMITER} to send a stored program; cutover does not support that
 * client command (it is rejected with a message) and instead keeps a {@code CREATE [OR REPLACE]
 * [DEFINER=...] [AGGREGATE] PROCEDURE|FUNCTION|TRIGGER|EVENT} statement, or a top-level {@code BEGIN
 * NOT ATOMIC} block, together until its blocks are closed: {@code BEGIN}, {@code CASE},
 * {@code LOOP}, {@code WHILE}, {@code REPEAT} (not the function {@code REPEAT(}) and the statement
 * {@code IF} each need an {@code END}; the word after {@code END} ({@code END IF}) opens nothing.
 * {@code IF} opens a block when it is not in an expression (after {@code =}, {@code (},
 * {@code AND}, {@code WHEN}, ...) and a {@code THEN} follows it before a {@code ;}, {@code BEGIN},
 * {@code END} or {@code WHEN}, which tells the statement from the function {@code IF(a, b, c)} and
 * from {@code IF [NOT] EXISTS}. On PostgreSQL the same is done, as psql does, for the
 * SQL-standard bodies ({@code BEGIN ATOMIC ... END}) of {@code CREATE FUNCTION|PROCEDURE}, counting
 * {@code BEGIN} and {@code CASE} against {@code END}.
 *
 * <h2>What a statement carries</h2>
 * Its text from its first to its last character of code (the comments before and after it and its
 * {@code ;} left out, those inside kept), where that text starts in the script, and whether it may
 * share a transaction. It may not when PostgreSQL refuses it in a transaction block (anything
 * {@code CONCURRENTLY} but {@code REFRESH MATERIALIZED VIEW}; {@code VACUUM}; {@code CLUSTER}
 * without a table; {@code CREATE|DROP DATABASE|TABLESPACE|SUBSCRIPTION}; {@code ALTER SYSTEM};
 * {@code ALTER DATABASE ... SET TABLESPACE}; {@code REINDEX SCHEMA|DATABASE|SYSTEM}); when MariaDB
 * commits implicitly ({@code CREATE}, {@code ALTER}, {@code DROP} but of a {@code TEMPORARY}
 * table, {@code RENAME}, {@code TRUNCATE}, {@code LOCK}/{@code UNLOCK TABLES}, {@code GRANT},
 * {@code REVOKE}, {@code ANALYZE}, {@code CHECK}, {@code OPTIMIZE}, {@code REPAIR}, {@code FLUSH},
 * {@code RESET}, {@code SET PASSWORD}, and {@code CALL}, whose procedure may); when H2 does
 * ({@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, {@code COMMENT},
 * {@code ANALYZE}, {@code GRANT}, {@code REVOKE}; an unknown engine is treated as H2); and, on
 * every engine, when it controls transactions itself ({@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code ROLLBACK} but {@code ROLLBACK TO}, {@code END}, {@code ABORT},
 * {@code PREPARE TRANSACTION}, {@code XA}).
 *
 * <h2>Errors</h2>
 * An {@link IllegalArgumentException} names the line and column (of the script) where a string,
 * identifier, comment, body or block opened that is never closed, or where a {@code DELIMITER}
 * line stands. Nothing else is thrown, whatever the text.
 */
public final class StatementSplitter {
    private final String script;
    private final Engine engine;
    private final TextPositions positions;
    private final List<Token> tokens;

    private StatementSplitter(String script, Engine engine) {
        this.script = script;
        this.engine = engine;
        this.positions = new TextPositions(script);
        this.tokens = new Lexer(script, engine, positions).tokens();
    }

    /**
     * The statements of {@code script}, in order.
     *
     * @throws IllegalArgumentException if something opened in the script is never closed, or it
     *                                  holds a {@code DELIMITER} line
     */
    public static List<Statement> split(String script, Engine engine) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(engine, "engine");
        Split last = lastSplit;
        if (last != null && last.script().equals(script) && last.engine() == engine) {
            return last.statements(); // the engine asks whether a task is atomic, then runs it: one split for both
        }
        List<Statement> statements = List.copyOf(new StatementSplitter(script, engine).statements());
        lastSplit = new Split(script, engine, statements);
        return statements;
    }

    /** The last script split, with its statements (immutable, so shared as they are). */
    private record Split(String script, Engine engine, List<Statement> statements) { }

    private static volatile Split lastSplit;

    /** Whether all these statements may run together in one transaction (true for none). */
    public static boolean canRunInTransaction(List<Statement> statements) {
        return statements.stream().allMatch(Statement::transactional);
    }

    private List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        Blocks blocks = Blocks.NONE;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.COMMENT) {
                continue;
            }
            if (token.kind() == Kind.SEMICOLON && !blocks.isOpen()) {
                addStatement(current, statements);
                current = new ArrayList<>();
                blocks = Blocks.NONE;
                continue;
            }
            rejectDelimiterCommand(i, current.isEmpty());
            if (current.isEmpty()) {
                blocks = Blocks.startingAt(engine, tokens, i);
            }
            current.add(token);
            blocks.accept(i);
        }
        if (blocks.isOpen()) {
            throw blocks.neverClosed(positions);
        }
        addStatement(current, statements);
        return List.copyOf(statements);
    }

    private void addStatement(List<Token> code, List<Statement> statements) {
        if (code.isEmpty()) {
            return;
        }
        int start = code.get(0).start();
        String sql = script.substring(start, code.get(code.size() - 1).end());
        statements.add(new Statement(sql, positions.line(start), positions.column(start),
                TransactionRules.allows(engine, code)));
    }

    /**
     * {@code DELIMITER //} is a command of the mysql client, which the server would reject; it is
     * caught here, where it can be explained: as a statement's first word, or first on its line
     * with one argument of symbols ({@code //}, {@code $$}). A column named {@code delimiter}
     * inside a statement ({@code delimiter CHAR(1),}) is left alone.
     */
    private void rejectDelimiterCommand(int index, boolean startsStatement) {
        Token token = tokens.get(index);
        if (!token.isWord("DELIMITER")) {
            return;
        }
        boolean commandLine = positions.isFirstOnLine(token.start())
                && positions.restOfLine(token.end()).matches("\\s+[^\\s\\p{L}\\p{N}_]+\\s*");
        if (startsStatement || commandLine) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "line %d, column %d: DELIMITER is a command of the mysql client, not SQL, and is not"
                            + " supported: end every statement with ';' (a CREATE PROCEDURE, FUNCTION,"
                            + " TRIGGER or EVENT with BEGIN ... END is kept whole)",
                    positions.line(token.start()), positions.column(token.start())));
        }
    }

    /** What a piece of the script is, as far as splitting cares. */
    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A string, quoted identifier, number, dollar-quoted body or executable comment: opaque code. */
        LITERAL,
        /** Any other single character of code. */
        SYMBOL,
        SEMICOLON,
        COMMENT
    }

    /** A piece of the script: {@code [start, end)}. */
    record Token(Kind kind, int start, int end, String text) {
        boolean isWord(String upperCase) {
            return kind == Kind.WORD && text.equalsIgnoreCase(upperCase);
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /** Offsets to 1-based lines and columns; a column counts code points, as YAML positions do. */
    static final class TextPositions {
        private final String text;
        private final int[] lineStarts;

        TextPositions(String text) {
            this.text = text;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (c == '\n' || c == '\r') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int line(int offset) {
            int found = java.util.Arrays.binarySearch(lineStarts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }

        int column(int offset) {
            return text.codePointCount(lineStarts[line(offset) - 1], offset) + 1;
        }

        boolean isFirstOnLine(int offset) {
            return text.substring(lineStarts[line(offset) - 1], offset).isBlank();
        }

        String restOfLine(int offset) {
            int end = offset;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            return text.substring(offset, end);
        }
    }

    /**
     * Cuts the script into tokens, whitespace dropped. It is the only place that knows the quoting
     * rules of each engine.
     */
    static final class Lexer {
        private final String sql;
        private final Engine engine;
        private final TextPositions positions;
        private int at;

        Lexer(String sql, Engine engine, TextPositions positions) {
            this.sql = sql;
            this.engine = engine;
            this.positions = positions;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (at < sql.length()) {
                int start = at;
                Kind kind = next();
                if (kind != null) {
                    tokens.add(new Token(kind, start, at, sql.substring(start, at)));
                }
            }
            return tokens;
        }

        private Kind next() {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
                return null;
            }
            if (startsLineComment(c)) {
                while (at < sql.length() && sql.charAt(at) != '\n' && sql.charAt(at) != '\r') {
                    at++;
                }
                return Kind.COMMENT;
            }
            if (c == '/' && peek(1) == '*') {
                return blockComment();
            }
            if (c == '\'') {
                boolean backslash = engine == Engine.MARIADB;
                quoted(at, '\'', backslash, "a quoted string", backslash ? BACKSLASH_HINT : "");
                return Kind.LITERAL;
            }
            if (c == '"') {
                boolean backslash = engine == Engine.MARIADB;
                quoted(at, '"', backslash, backslash ? "a double-quoted string" : "a quoted identifier",
                        backslash ? BACKSLASH_HINT : "");
                return Kind.LITERAL;
            }
            if (c == '`' && engine == Engine.MARIADB) {
                quoted(at, '`', false, "a backquoted identifier", "");
                return Kind.LITERAL;
            }
            if (c == '$' && dollarQuoted()) {
                return Kind.LITERAL;
            }
            if (isWordStart(c)) {
                return word();
            }
            at++;
            if (Character.isDigit(c)) {
                while (at < sql.length() && (Character.isLetterOrDigit(sql.charAt(at)) || sql.charAt(at) == '.')) {
                    at++;
                }
                return Kind.LITERAL;
            }
            return c == ';' ? Kind.SEMICOLON : Kind.SYMBOL;
        }

        private static final String BACKSLASH_HINT =
                " (on MariaDB a backslash escapes the character after it: write \\\\ for one backslash)";

        private boolean startsLineComment(char c) {
            return switch (engine) {
                case MARIADB -> c == '#' || c == '-' && peek(1) == '-' && (at + 2 >= sql.length() || peek(2) <= ' ');
                case H2 -> (c == '-' || c == '/') && peek(1) == c;
                default -> c == '-' && peek(1) == '-';
            };
        }

        private Kind blockComment() {
            int open = at;
            boolean nests = engine != Engine.MARIADB;
            boolean executable = engine == Engine.MARIADB && (peek(2) == '!' || peek(2) == 'M' && peek(3) == '!');
            int depth = 0;
            while (at < sql.length()) {
                if (sql.startsWith("/*", at) && (depth == 0 || nests)) {
                    depth++;
                    at += 2;
                } else if (sql.startsWith("*/", at)) {
                    at += 2;
                    if (--depth == 0) {
                        // MariaDB runs /*! ... */ as code: mysqldump's "/*!40101 SET NAMES utf8 */;" is a statement.
                        return executable ? Kind.LITERAL : Kind.COMMENT;
                    }
                } else {
                    at++;
                }
            }
            throw neverClosed("a block comment", open, "",
                    nests ? " (block comments nest here: each /* needs its own */)" : "");
        }

        /** Skips the quoted text whose opening quote is at {@code at}; {@code open} is where it is reported. */
        private void quoted(int open, char quote, boolean backslash, String what, String hint) {
            at++;
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (backslash && c == '\\') {
                    at += 2;
                } else if (c == quote && peek(1) == quote) {
                    at += 2;
                } else if (c == quote) {
                    at++;
                    return;
                } else {
                    at++;
                }
            }
            throw neverClosed(what, open, "", hint);
        }

        private Kind word() {
            int start = at;
            while (at < sql.length() && isWordPart(sql.charAt(at))) {
                at++;
            }
            boolean escapeString = engine == Engine.POSTGRESQL && at - start == 1
                    && (sql.charAt(start) == 'E' || sql.charAt(start) == 'e') && peek(0) == '\'';
            if (escapeString) {
                quoted(start, '\'', true, "an escape string",
                        " (in E'...' a backslash escapes the character after it)");
                return Kind.LITERAL;
            }
            return Kind.WORD;
        }

        /**
         * A PostgreSQL {@code $tag$} or an H2 {@code $$} opens a body that ends at the same tag; a
         * {@code $} that opens nothing ({@code $1}) is a symbol.
         */
        private boolean dollarQuoted() {
            int tagEnd = dollarTagEnd();
            if (tagEnd < 0) {
                return false;
            }
            String tag = sql.substring(at, tagEnd);
            int close = sql.indexOf(tag, tagEnd);
            if (close < 0) {
                throw neverClosed("a dollar-quoted string", at, " (" + tag + ")", "");
            }
            at = close + tag.length();
            return true;
        }

        private int dollarTagEnd() {
            if (peek(1) == '$' && (engine == Engine.POSTGRESQL || engine == Engine.H2)) {
                return at + 2;
            }
            if (engine != Engine.POSTGRESQL || !isWordStart(peek(1))) {
                return -1;
            }
            int i = at + 1;
            while (i < sql.length() && isWordPart(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
            return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
        }

        private boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_' || c >= 0x80;
        }

        private boolean isWordPart(char c) {
            // PostgreSQL and MariaDB allow '$' inside identifiers: a$b is one word, not a dollar quote.
            return isWordStart(c) || Character.isDigit(c) || c == '$' && engine != Engine.H2;
        }

        private char peek(int ahead) {
            int i = at + ahead;
            return i < sql.length() ? sql.charAt(i) : '\0';
        }

        private IllegalArgumentException neverClosed(String what, int open, String opener, String hint) {
            return new IllegalArgumentException(String.format(Locale.ROOT, "%s opened at line %d, column %d%s is never closed%s",
                    what, positions.line(open), positions.column(open), opener, hint));
        }
    }

    /**
     * The blocks still open in a statement whose body may hold semicolons (see "Bodies with inner
     * semicolons" above); {@link #NONE} for every other statement.
     */
    static final class Blocks {
        static final Blocks NONE = new Blocks(List.of(), null);
        private static final Set<String> ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
        /** After these an IF is the function IF(a, b, c) or the clause IF [NOT] EXISTS, never a block. */
        private static final Set<String> NO_IF_STATEMENT_AFTER = Set.of("WHEN", "IF", "ELSEIF", "WHILE", "UNTIL",
                "AND", "OR", "NOT", "XOR", "BETWEEN", "LIKE", "DIV", "MOD", "IN", "IS", "RETURN", "SELECT",
                "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA",
                "SEQUENCE", "COLUMN", "PARTITION", "USER", "ROLE", "SERVER", "CONSTRAINT", "KEY");
        private static final Set<String> NO_THEN_AFTER = Set.of("BEGIN", "END", "ELSE", "WHEN", "DO", "LOOP", "REPEAT");

        private final List<Token> tokens;
        private final Engine engine;
        private final Deque<Token> open = new ArrayDeque<>();
        private Token previous;

        private Blocks(List<Token> tokens, Engine engine) {
            this.tokens = tokens;
            this.engine = engine;
        }

        /** The tracker for the statement whose first code token is {@code tokens[first]}. */
        static Blocks startingAt(Engine engine, List<Token> tokens, int first) {
            List<Token> head = new ArrayList<>();
            for (int i = first; i < tokens.size() && head.size() < 12 && tokens.get(i).kind() != Kind.SEMICOLON; i++) {
                if (tokens.get(i).kind() != Kind.COMMENT) {
                    head.add(tokens.get(i));
                }
            }
            boolean tracked = switch (engine) {
                case POSTGRESQL -> isWord(head, 0, "CREATE") && routineAt(head, orReplaced(head, 1), Set.of("FUNCTION", "PROCEDURE"));
                case MARIADB -> isMariaDbRoutine(head)
                        || isWord(head, 0, "BEGIN") && isWord(head, 1, "NOT") && isWord(head, 2, "ATOMIC");
                default -> false;
            };
            return tracked ? new Blocks(tokens, engine) : NONE;
        }

        private static boolean isMariaDbRoutine(List<Token> head) {
            if (!isWord(head, 0, "CREATE")) {
                return false;
            }
            int i = orReplaced(head, 1);
            if (isWord(head, i, "DEFINER")) {
                i += 3; // DEFINER = user
                if (isSymbol(head, i, '@') || isSymbol(head, i, '(')) {
                    i += 2; // 'user'@'host' or CURRENT_USER()
                }
            }
            if (isWord(head, i, "AGGREGATE")) {
                i++;
            }
            return routineAt(head, i, ROUTINES);
        }

        private static int orReplaced(List<Token> head, int i) {
            return isWord(head, i, "OR") && isWord(head, i + 1, "REPLACE") ? i + 2 : i;
        }

        private static boolean routineAt(List<Token> head, int i, Set<String> kinds) {
            return i < head.size() && head.get(i).kind() == Kind.WORD && kinds.contains(head.get(i).upper());
        }

        private static boolean isWord(List<Token> head, int i, String word) {
            return i < head.size() && head.get(i).isWord(word);
        }

        private static boolean isSymbol(List<Token> head, int i, char symbol) {
            return i < head.size() && head.get(i).isSymbol(symbol);
        }

        /** Takes the next code token of the statement, {@code tokens[index]}. */
        void accept(int index) {
            if (engine == null) {
                return; // NONE is shared: it must stay unchanged
            }
            Token token = tokens.get(index);
            if (token.kind() == Kind.WORD && (previous == null || !previous.isWord("END"))) {
                if (token.isWord("END")) {
                    open.poll();
                } else if (opens(token.upper(), index)) {
                    open.push(token);
                }
            }
            previous = token;
        }

        boolean isOpen() {
            return !open.isEmpty();
        }

        IllegalArgumentException neverClosed(TextPositions positions) {
            Token innermost = open.peek();
            String rule = engine == Engine.MARIADB
                    ? "in a stored program every BEGIN, CASE, IF, LOOP, WHILE and REPEAT needs its END"
                    : "in a BEGIN ATOMIC body every BEGIN and CASE needs its END";
            return new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %s block opened at line %d, column %d is never closed (%s)", innermost.upper(),
                    positions.line(innermost.start()), positions.column(innermost.start()), rule));
        }

        private boolean opens(String word, int index) {
            boolean mariaDb = engine == Engine.MARIADB;
            return switch (word) {
                case "BEGIN", "CASE" -> true;
                case "LOOP", "WHILE" -> mariaDb;
                case "REPEAT" -> mariaDb && !nextIsOpeningParenthesis(index);
                case "IF" -> mariaDb && startsIfStatement(index);
                default -> false;
            };
        }

        private boolean nextIsOpeningParenthesis(int index) {
            for (int i = index + 1; i < tokens.size(); i++) {
                if (tokens.get(i).kind() != Kind.COMMENT) {
                    return tokens.get(i).isSymbol('(');
                }
            }
            return false;
        }

        /** IF cond THEN opens a block; IF(a, b, c) and IF [NOT] EXISTS do not. */
        private boolean startsIfStatement(int index) {
            boolean inExpression = previous != null && (previous.kind() == Kind.SYMBOL && !previous.isSymbol(')')
                    && !previous.isSymbol(':') || previous.kind() == Kind.WORD && NO_IF_STATEMENT_AFTER.contains(previous.upper()));
            if (inExpression) {
                return false;
            }
            int depth = 0;
            for (int i = index + 1; i < tokens.size() && tokens.get(i).kind() != Kind.SEMICOLON; i++) {
                Token token = tokens.get(i);
                depth += token.isSymbol('(') ? 1 : token.isSymbol(')') ? -1 : 0;
                if (depth == 0 && token.isWord("THEN")) {
                    return true;
                }
                if (depth == 0 && token.kind() == Kind.WORD && NO_THEN_AFTER.contains(token.upper())) {
                    return false;
                }
            }
            return false;
        }
    }

    /**
     * Which statements cannot share a transaction with others ({@link Statement#transactional()}).
     * The first words decide, read outside strings, comments and parentheses. Each engine's list
     * is checked against the real server in StatementSplitterTest.
     */
    static final class TransactionRules {
        /** Statements that end or start transactions themselves; BEGIN NOT ATOMIC is counted in, to be safe. */
        private static final Set<String> CONTROL = Set.of("BEGIN", "COMMIT", "END", "ABORT", "XA");
        /** MariaDB commits before (and after) these; CREATE/DROP TEMPORARY TABLE excepted. */
        private static final Set<String> MARIADB_COMMITS = Set.of("ALTER", "CREATE", "DROP", "RENAME", "TRUNCATE",
                "LOCK", "UNLOCK", "GRANT", "REVOKE", "ANALYZE", "CHECK", "OPTIMIZE", "REPAIR", "FLUSH", "RESET",
                "INSTALL", "UNINSTALL",
                // a procedure may hold DDL or COMMIT, which cannot be seen from the call
                "CALL");
        /** H2 commits on these, temporary tables included. */
        private static final Set<String> H2_COMMITS = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "COMMENT",
                "ANALYZE", "GRANT", "REVOKE");
        /** PostgreSQL: CREATE/DROP of these refuse to run in a transaction block. */
        private static final Set<String> POSTGRES_OUTSIDE = Set.of("DATABASE", "TABLESPACE", "SUBSCRIPTION");

        private TransactionRules() {
        }

        static boolean allows(Engine engine, List<Token> code) {
            List<String> words = topLevelWords(code);
            if (words.isEmpty()) {
                return true;
            }
            if (controlsTransaction(words)) {
                return false;
            }
            return switch (engine) {
                case POSTGRESQL -> postgresAllows(words, code);
                case MARIADB -> mariaDbAllows(words);
                case H2, UNKNOWN -> !H2_COMMITS.contains(words.get(0));
            };
        }

        private static boolean controlsTransaction(List<String> words) {
            String first = words.get(0);
            String second = wordAt(words, 1);
            return CONTROL.contains(first)
                    || (first.equals("START") || first.equals("PREPARE")) && second.equals("TRANSACTION")
                    || first.equals("ROLLBACK") && !words.contains("TO");
        }

        /**
         * ALTER TYPE ... ADD VALUE runs in a transaction since PostgreSQL 12 (the new value is usable
         * only after the commit), so it is not listed; neither is REFRESH MATERIALIZED VIEW
         * CONCURRENTLY, which may run in one.
         */
        private static boolean postgresAllows(List<String> words, List<Token> code) {
            String first = words.get(0);
            String second = wordAt(words, 1);
            boolean outside = first.equals("VACUUM")
                    || first.equals("CLUSTER") && words.stream().skip(1).allMatch("VERBOSE"::equals)
                    || (first.equals("CREATE") || first.equals("DROP")) && POSTGRES_OUTSIDE.contains(second)
                    || first.equals("ALTER") && (second.equals("SYSTEM") || second.equals("DATABASE") && words.contains("TABLESPACE"))
                    || first.equals("REINDEX") && reindexesMany(words)
                    || !first.equals("REFRESH") && code.stream().anyMatch(token -> token.isWord("CONCURRENTLY"));
            return !outside;
        }

        private static boolean reindexesMany(List<String> words) {
            return words.stream().skip(1).filter(Set.of("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM")::contains)
                    .findFirst().map(Set.of("SCHEMA", "DATABASE", "SYSTEM")::contains).orElse(false);
        }

        private static boolean mariaDbAllows(List<String> words) {
            String first = words.get(0);
            if (first.equals("SET")) {
                return !wordAt(words, 1).equals("PASSWORD");
            }
            if (!MARIADB_COMMITS.contains(first)) {
                return true;
            }
            int kind = wordAt(words, 1).equals("OR") ? 3 : 1;
            return (first.equals("CREATE") || first.equals("DROP")) && wordAt(words, kind).equals("TEMPORARY");
        }

        private static List<String> topLevelWords(List<Token> code) {
            List<String> words = new ArrayList<>();
            int depth = 0;
            for (Token token : code) {
                depth += token.isSymbol('(') ? 1 : token.isSymbol(')') ? -1 : 0;
                if (depth == 0 && token.kind() == Kind.WORD) {
                    words.add(token.upper());
                }
            }
            return words;
        }

        private static String wordAt(List<String> words, int i) {
            return i < words.size() ? words.get(i) : "";
        }
    }
}
