package io.cutover.handlers.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.plan.Datasource.Engine;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link StatementSplitter} over generated scripts and arbitrary text. */
class StatementSplitterProperties {

    /** A generated script and the statements it was built from. */
    record Script(Engine engine, List<String> statements, String text) {
    }

    @Property(tries = 500)
    void joinedStatementsSplitBackIntoTheSameTexts(@ForAll("scripts") Script script) {
        List<Statement> statements = StatementSplitter.split(script.text(), script.engine());
        assertEquals(script.statements(), statements.stream().map(Statement::sql).toList(), script.text());
        assertPositionsPointAtTheirText(script.text(), statements);
    }

    @Property(tries = 1000)
    void anyTextSplitsOrFailsWithAPosition(@ForAll("sqlish") String text, @ForAll Engine engine) {
        List<Statement> statements;
        try {
            statements = StatementSplitter.split(text, engine);
        } catch (IllegalArgumentException failure) {
            // the only failure allowed, and it says where
            assertTrue(failure.getMessage().matches("(?s).*line \\d+, column \\d+.*"), failure.getMessage());
            return;
        }
        assertPositionsPointAtTheirText(text, statements);
    }

    static void assertPositionsPointAtTheirText(String text, List<Statement> statements) {
        List<Integer> lineStarts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (crlf) {
                i++;
            }
            if (c == '\n' || c == '\r') {
                lineStarts.add(i + 1);
            }
        }
        for (Statement statement : statements) {
            int lineStart = lineStarts.get(statement.line() - 1);
            int offset = text.offsetByCodePoints(lineStart, statement.column() - 1);
            assertTrue(text.startsWith(statement.sql(), offset), statement + " in " + text);
        }
    }

    @Provide
    Arbitrary<Script> scripts() {
        return Arbitraries.of(Engine.values()).flatMap(engine -> Combinators.combine(
                statement(engine).list().ofMinSize(1).ofMaxSize(8),
                separator(engine).list().ofSize(9),
                Arbitraries.of(true, false)).as((statements, separators, lastSemicolon) -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < statements.size(); i++) {
                        text.append(separators.get(i)).append(statements.get(i));
                        if (i < statements.size() - 1 || lastSemicolon) {
                            text.append(';');
                        }
                    }
                    text.append(separators.get(8));
                    return new Script(engine, statements, text.toString());
                }));
    }

    /** "SELECT" and up to six fragments, each of which may hide a semicolon. */
    private Arbitrary<String> statement(Engine engine) {
        return fragment(engine).list().ofMaxSize(6).map(fragments -> "SELECT " + String.join(" ", fragments)).map(String::strip);
    }

    private Arbitrary<String> fragment(Engine engine) {
        Arbitrary<String> content = Arbitraries.strings().withChars(";'\"-/*#$`\\ ab\n").ofMaxLength(10);
        Arbitrary<String> words = Arbitraries.of("x", "a1", "t.col", "1", "+", "(1)", "=");
        Arbitrary<String> strings = content.map(c -> engine == Engine.MARIADB
                ? "'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"
                : "'" + c.replace("'", "''") + "'");
        Arbitrary<String> identifiers = content.map(c -> engine == Engine.MARIADB
                ? "\"" + c.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : "\"" + c.replace("\"", "\"\"") + "\"");
        Arbitrary<String> innerComments = comment(engine, content).map(comment -> comment + "\n1");
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(words, strings, identifiers, innerComments));
        Arbitrary<String> body = content.map(c -> c.replace("$", ""));
        switch (engine) {
            case POSTGRESQL -> {
                choices.add(body.map(c -> "$$" + c + "$$"));
                choices.add(body.map(c -> "$q$ $$" + c + "$$ $q$"));
                choices.add(content.map(c -> "E'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'"));
                choices.add(Arbitraries.of("$1", "a$b$", "e.x"));
            }
            case MARIADB -> choices.add(content.map(c -> "`" + c.replace("`", "``") + "`"));
            case H2 -> choices.add(body.map(c -> "$$" + c + "$$"));
            default -> {
            }
        }
        return Arbitraries.oneOf(choices);
    }

    /** A comment in the engine's spellings; a line comment ends with its line break. */
    private Arbitrary<String> comment(Engine engine, Arbitrary<String> content) {
        List<String> lineStarts = switch (engine) {
            case MARIADB -> List.of("-- ", "#");
            case H2 -> List.of("--", "//");
            default -> List.of("--");
        };
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(lineStarts), content)
                .as((start, c) -> start + c.replace("\n", " ") + "\n");
        Arbitrary<String> block = content.map(c -> "/* " + c.replace("*", "") + " */");
        return Arbitraries.oneOf(line, block);
    }

    /** What may stand between statements: line breaks, comments, empty statements. */
    private Arbitrary<String> separator(Engine engine) {
        Arbitrary<String> content = Arbitraries.strings().withChars(";'\"$` ab").ofMaxLength(8);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(" ", "\n", "\t", "\r\n", ";"), comment(engine, content));
        return piece.list().ofMaxSize(4).map(pieces -> "\n" + String.join("", pieces));
    }

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> pieces = Arbitraries.of("CREATE ", "PROCEDURE ", "FUNCTION ", "OR REPLACE ", "DEFINER=", "BEGIN ",
                "END ", "IF ", "THEN ", "CASE ", "LOOP ", "REPEAT", "WHILE ", "ATOMIC ", "NOT ", "(", ")", "DELIMITER ",
                "\n", " ", ";", "'", "\"", "`", "$$", "$a$", "$1", "--", "-- ", "#", "/*", "*/", "/*!", "\\", "E'",
                "e", "x", "@", "=", "\r", "\uD83D\uDE00", "//").list().ofMaxSize(30).map(list -> String.join("", list));
        Arbitrary<String> raw = Arbitraries.strings().withChars(";'\"`$-/*#\\\n\r Ee(){}xX@!").ofMaxLength(60);
        return Arbitraries.oneOf(pieces, raw);
    }
}
