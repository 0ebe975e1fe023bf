package io.cutover.load;

import io.cutover.spi.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever text or bytes it is given, the loader never throws, and when it refuses a plan it says
 * where: at least one error, every problem at line >= 1 and column >= 1, and no line past the end of
 * the text. The inputs: random strings and bytes, strings over YAML's punctuation, and the valid plans
 * of {@code src/test/resources/valid/} with lines deleted, duplicated, swapped, re-indented, values
 * replaced, characters changed, tokens inserted, or the text truncated.
 */
class PlanLoaderProperties {
    private static final PlanLoader LOADER = new PlanLoader(HandlerRegistry.defaults());
    private static final List<String> VALID = validPlans();

    /** Tokens that YAML, the schema, references and conditions give a meaning to. */
    private static final List<String> TOKENS = List.of(":", ": ", " ", "  ", "\t", "-", "- ", "[", "]", "{", "}", ",",
            "\"", "'", "&a ", "*a", "*nope", "!!binary ", "!!python/object:os.system ", "!t ", "!!int ", "!!bool ",
            "!!str ", "!!set ", "<<: *a", "<<: ", "${", "}", "${item}", "${foo.x}", "${env.X}", "${param.p}", "$${",
            "${secret.S:-}", "#", "|", ">", "? ", "%YAML 1.1\n", "@", "`", "\u0000", "\r", "\n", "\r\n", "~", "null",
            "0", "1", "-1", "1.5", ".inf", ".nan", "0x1F", "1e999", "99999999999999999999999", "true", "yes", "[]", "{}",
            "---\n", "...\n", "\u00ff", "\ud83d\ude00", "\ud800", "\u2028", "\u0085", "\ufeff", "(", ")", "%", "x baseline",
            "==", "=", " and ", " or ", "PT", "ms", "2 weeks", "needs: [", "down: ", "type: ", "id: ", "&a\n");

    /** Values that replace the value of a {@code key: value} line: wrong types, references, YAML oddities. */
    private static final List<String> VALUES = List.of("[]", "{}", "[a, b]", "{a: 1}", "{a: {b: 1}}", "1", "-5", "0",
            "1.5", "true", "false", "null", "~", "''", "\"x\"", "${param.nope}", "${env.X:-1}", "${item}", "${run.id}",
            "${nope.x}", "${", "*a", "&a x", "!t x", "!t [1]", "!t {a: 1}", "|\n  text", ">-\n  folded", "2026-12-27",
            "\"02:00\"", "PT4X", "-PT1H", "10 fortnights", "0 0 25 ? * SUN", "Europe/Nowhere", "error_rate >", "(a > 1",
            "data_inconsistency", "[[[[[[[[]]]]]]]]", "\"unterminated", "'it''s'", "-", "- a", "? x");

    // --- random input ---

    @Property(tries = 300)
    void randomTextNeverThrows(@ForAll @StringLength(max = 300) String text) {
        check(text);
    }

    @Property(tries = 300)
    void textOverYamlPunctuationNeverThrows(@ForAll("yamlish") String text) {
        check(text);
    }

    @Property(tries = 300)
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) throws IOException {
        Path file = Files.createTempFile("cutover-prop", ".yaml");
        try {
            Files.write(file, bytes);
            PlanLoader.Outcome outcome = LOADER.check(file, "p.yaml", LoadOptions.forValidate());
            checkOutcome(outcome, new String(bytes, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(file);
        }
        check(new String(bytes, StandardCharsets.UTF_8));
    }

    // --- mutations of valid plans ---

    @Property(tries = 300)
    void mutatedValidPlansNeverThrow(@ForAll("mutants") String text) {
        check(text);
    }

    @Property(tries = 300)
    void validPlansTruncatedAnywhereNeverThrow(@ForAll("plans") String plan, @ForAll("fractions") double where) {
        check(plan.substring(0, (int) (plan.length() * where)));
    }

    @Example
    void theUnmutatedPlansAreValid() {
        for (String plan : VALID) {
            PlanLoader.Outcome outcome = LOADER.checkText(plan, "p.yaml", LoadOptions.forValidate());
            if (!outcome.isValid()) {
                throw new AssertionError("a plan in valid/ is invalid: " + outcome.problems() + "\n" + plan);
            }
        }
    }

    // --- the check ---

    private static void check(String text) {
        checkOutcome(LOADER.checkText(text, "p.yaml", LoadOptions.forValidate()), text);
    }

    private static void checkOutcome(PlanLoader.Outcome outcome, String text) {
        int lastLine = lastPossibleLine(text);
        for (Problem p : outcome.problems()) {
            if (p.location().line() < 1 || p.location().column() < 1) {
                throw new AssertionError("a problem before line 1 or column 1: " + p.format() + "\n--- text ---\n" + text);
            }
            if (p.location().line() > lastLine) {
                throw new AssertionError("a problem past the end of the text (it has at most " + lastLine + " lines): "
                        + p.format() + "\n--- text ---\n" + text);
            }
            if (p.message() == null || p.message().isBlank()) {
                throw new AssertionError("a problem without a message: " + p + "\n--- text ---\n" + text);
            }
        }
        boolean errors = outcome.problems().stream().anyMatch(Problem::isError);
        if (outcome.isValid() && errors) {
            throw new AssertionError("a valid outcome with errors: " + outcome.problems() + "\n--- text ---\n" + text);
        }
        if (!outcome.isValid() && !errors) {
            throw new AssertionError("an invalid outcome without an error: " + outcome.problems() + "\n--- text ---\n" + text);
        }
    }

    /** An upper bound of the lines YAML sees: every line break it knows counts, and the line after the last. */
    private static int lastPossibleLine(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                breaks++;
            }
        }
        return breaks + 1;
    }

    // --- generators ---

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_.0123456789").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("cutover", "name", "phases", "tasks", "id", "type", "sql", "wait", "duration", "window",
                        "datasources", "url", "needs", "rollback_triggers", "when", "metrics", "params", "foreach"));
        return token.list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> plans() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0.0, 1.0);
    }

    /** One change to a plan's text; the numbers are taken modulo what the text offers. */
    interface Mutation {
        String apply(String text);
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 100_000);
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                n.map(i -> (Mutation) t -> deleteLine(t, i)),
                n.map(i -> (Mutation) t -> duplicateLine(t, i)),
                Combinators.combine(n, n).as((i, j) -> (Mutation) t -> swapLines(t, i, j)),
                Combinators.combine(n, Arbitraries.integers().between(-4, 4)).as((i, d) -> (Mutation) t -> reindent(t, i, d)),
                n.map(i -> (Mutation) t -> tabIndent(t, i)),
                Combinators.combine(n, Arbitraries.chars().with(":-[]{}\"'&*!#$%|>?,@`\t ~<x0".toCharArray()))
                        .as((i, c) -> (Mutation) t -> changeChar(t, i, c)),
                Combinators.combine(n, Arbitraries.chars()).as((i, c) -> (Mutation) t -> changeChar(t, i, c)),
                Combinators.combine(n, Arbitraries.of(TOKENS)).as((i, s) -> (Mutation) t -> insert(t, i, s)),
                Combinators.combine(n, Arbitraries.of(VALUES)).as((i, v) -> (Mutation) t -> replaceValue(t, i, v)),
                n.map(i -> (Mutation) t -> deleteChar(t, i)),
                n.map(i -> (Mutation) t -> truncate(t, i)));
        return Combinators.combine(plans(), mutation.list().ofMinSize(1).ofMaxSize(4)).as((plan, changes) -> {
            String text = plan;
            for (Mutation m : changes) {
                text = m.apply(text);
            }
            return text;
        });
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    private static String deleteLine(String text, int i) {
        List<String> l = lines(text);
        l.remove(i % l.size());
        return String.join("\n", l);
    }

    private static String duplicateLine(String text, int i) {
        List<String> l = lines(text);
        int at = i % l.size();
        l.add(at, l.get(at));
        return String.join("\n", l);
    }

    private static String swapLines(String text, int i, int j) {
        List<String> l = lines(text);
        int a = i % l.size();
        int b = j % l.size();
        String x = l.get(a);
        l.set(a, l.get(b));
        l.set(b, x);
        return String.join("\n", l);
    }

    private static String reindent(String text, int i, int delta) {
        List<String> l = lines(text);
        int at = i % l.size();
        String line = l.get(at);
        l.set(at, delta >= 0 ? " ".repeat(delta) + line : line.substring(Math.min(-delta, leadingSpaces(line))));
        return String.join("\n", l);
    }

    private static String tabIndent(String text, int i) {
        List<String> l = lines(text);
        int at = i % l.size();
        String line = l.get(at);
        l.set(at, "\t" + line.substring(leadingSpaces(line)));
        return String.join("\n", l);
    }

    private static int leadingSpaces(String line) {
        int k = 0;
        while (k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    private static String changeChar(String text, int i, char c) {
        if (text.isEmpty()) {
            return String.valueOf(c);
        }
        int at = i % text.length();
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    private static String deleteChar(String text, int i) {
        if (text.isEmpty()) {
            return text;
        }
        int at = i % text.length();
        return text.substring(0, at) + text.substring(at + 1);
    }

    private static String insert(String text, int i, String token) {
        int at = i % (text.length() + 1);
        return text.substring(0, at) + token + text.substring(at);
    }

    private static String truncate(String text, int i) {
        return text.substring(0, i % (text.length() + 1));
    }

    /** Replaces the value of the i-th {@code key: value} line (keeping the key and its indentation). */
    private static String replaceValue(String text, int i, String value) {
        List<String> l = lines(text);
        List<Integer> candidates = new ArrayList<>();
        for (int k = 0; k < l.size(); k++) {
            if (l.get(k).matches("\\s*(- )?[A-Za-z_][A-Za-z0-9_-]*:( .*)?")) {
                candidates.add(k);
            }
        }
        if (candidates.isEmpty()) {
            return text;
        }
        int at = candidates.get(i % candidates.size());
        String line = l.get(at);
        int colon = line.indexOf(':');
        String indent = " ".repeat(leadingSpaces(line) + 2);
        l.set(at, line.substring(0, colon + 1) + " " + value.replace("\n", "\n" + indent));
        return String.join("\n", l);
    }

    private static List<String> validPlans() {
        Path dir = InvalidPlansTest.resource("valid");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no valid plans in " + dir);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
