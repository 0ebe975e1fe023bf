package io.cutover.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corpus of invalid plans in {@code src/test/resources/invalid/}: each {@code NAME.yaml} holds one
 * mistake, and {@code NAME.expected} says where it must be reported and with which words. Each plan
 * runs through the real command line, in process ({@code cutover validate PLAN}).
 *
 * <p>The {@code .expected} format, one rule a line:
 * <ul>
 *   <li>{@code LINE:COL: keyword}: a problem line starts with {@code FILE:LINE:COL:} and contains the
 *       keyword (case-insensitive);</li>
 *   <li>{@code !text}: no output line contains the text (a misleading or spurious message);</li>
 *   <li>{@code # ...}: a comment; blank lines are ignored.</li>
 * </ul>
 *
 * <p>{@code src/test/resources/invalid-pending/} holds cases in the same format whose correct
 * expectation fails today because of a bug in the main code (each file's comment says which). They run
 * only with {@code -Dcutover.pending=true}; otherwise they are reported as skipped (aborted). Once the
 * bug is fixed, move the case into {@code invalid/}.
 */
class InvalidPlansTest {
    private static final Pattern RULE = Pattern.compile("^(\\d+):(\\d+):\\s*(.+)$");
    private static final JsonMapper JSON = JsonMapper.shared();

    record Expected(int line, int column, String keyword) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + keyword;
        }
    }

    record Case(String name, Path plan, List<Expected> expected, List<String> absent) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        List<String> lines() {
            return all().lines().toList();
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    // --- the corpus ---

    @TestFactory
    Stream<DynamicTest> eachInvalidPlanIsReportedWhereTheMistakeIs() {
        return cases("invalid").stream().map(c -> DynamicTest.dynamicTest(c.name(), c.plan().toUri(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> pendingCasesOfKnownBugs() {
        return cases("invalid-pending").stream().map(c -> DynamicTest.dynamicTest(c.name(), c.plan().toUri(), () -> {
            Assumptions.assumeTrue(Boolean.getBoolean("cutover.pending"),
                    "pending: shows a known bug of the main code (see its .expected); run with -Dcutover.pending=true");
            check(c);
        }));
    }

    @Test
    void theCorpusHasAtLeastFortyCases() {
        List<Case> all = cases("invalid");
        assertTrue(all.size() >= 40, "only " + all.size() + " cases in invalid/");
    }

    @Test
    void everyPlanHasItsExpectationsAndEveryExpectationItsPlan() throws IOException {
        for (String folder : List.of("invalid", "invalid-pending")) {
            Path dir = resource(folder);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".yaml")) {
                        Path expected = dir.resolve(name.replaceFirst("\\.yaml$", ".expected"));
                        assertTrue(Files.exists(expected), folder + "/" + name + " has no .expected file");
                        assertFalse(parse(name, f, expected).expected().isEmpty(),
                                folder + "/" + name + ": the .expected file gives no LINE:COL rule");
                    } else if (name.endsWith(".expected")) {
                        assertTrue(Files.exists(dir.resolve(name.replaceFirst("\\.expected$", ".yaml"))),
                                folder + "/" + name + " has no plan beside it");
                    } else {
                        fail("unexpected file in " + folder + "/: " + name);
                    }
                }
            }
        }
    }

    /** The harness itself: valid plans pass, with exit 0 and no error line. */
    @TestFactory
    Stream<DynamicTest> validPlansAreValid() throws IOException {
        Path dir = resource("valid");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                        Result r = validate(f.toString());
                        assertEquals(0, r.exitCode(), r.describe());
                        assertTrue(r.out().contains("valid"), r.describe());
                        assertNoStackTrace(r);
                    }));
        }
    }

    // --- JSON output ---

    @TestFactory
    Stream<DynamicTest> jsonOutputGivesTheSameLinesAndColumns() {
        List<String> chosen = List.of("typo-task-key", "missing-cutover", "duplicate-yaml-key", "yaml-bad-indentation",
                "binary-garbage", "trigger-unknown-metric", "unknown-needs-task", "yaml-multi-document");
        List<Case> all = cases("invalid");
        return chosen.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Case c = all.stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no case " + name + " in invalid/"));
            Result r = validate("--format", "json", c.plan().toString());
            assertEquals(2, r.exitCode(), r.describe());
            assertNoStackTrace(r);
            JsonNode root = JSON.readTree(r.out());
            assertTrue(root.path("valid").isBoolean() && !root.path("valid").booleanValue(), "\"valid\": false\n" + r.describe());
            assertTrue(root.path("warnings").isArray(), "'warnings' is a list\n" + r.describe());
            JsonNode errors = root.path("errors");
            assertTrue(errors.isArray() && !errors.isEmpty(), "'errors' is a non-empty list\n" + r.describe());
            for (JsonNode e : errors) {
                for (String field : List.of("file", "line", "column", "path", "message")) {
                    assertTrue(e.has(field), "an error has '" + field + "': " + e);
                }
                assertTrue(e.path("line").isInt() && e.path("line").intValue() >= 1, "line >= 1: " + e);
                assertTrue(e.path("column").isInt() && e.path("column").intValue() >= 1, "column >= 1: " + e);
            }
            for (Expected x : c.expected()) {
                boolean found = false;
                for (JsonNode e : errors) {
                    found |= e.path("file").asString().equals(c.plan().toString())
                            && e.path("line").intValue() == x.line() && e.path("column").intValue() == x.column()
                            && lower(e.path("message").asString()).contains(lower(x.keyword()));
                }
                assertTrue(found, "no error at " + x + " in the JSON output\n" + r.describe());
            }
        }));
    }

    // --- an alias bomb, whatever position it is reported at (the position is a pending case) ---

    @Test
    void anAliasBombIsRefusedQuicklyAndNamedAsSuch() throws IOException {
        Path bomb = resource("invalid-pending").resolve("yaml-alias-bomb.yaml");
        long start = System.nanoTime();
        Result r = validate(bomb.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(lower(r.all()).contains("alias"), "the message names aliases\n" + r.describe());
        assertTrue(r.all().contains(bomb + ":"), "the message names the file\n" + r.describe());
        assertNoStackTrace(r);
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    // --- the check ---

    private static void check(Case c) {
        Result r = validate(c.plan().toString());
        assertNoStackTrace(r);
        assertEquals(2, r.exitCode(), "exit code of an invalid plan\n" + r.describe());
        String prefix = c.plan() + ":";
        List<String> missing = new ArrayList<>();
        for (Expected x : c.expected()) {
            String at = prefix + x.line() + ":" + x.column() + ":";
            boolean found = r.lines().stream().anyMatch(l -> l.startsWith(at) && lower(l).contains(lower(x.keyword())));
            if (!found) {
                missing.add(x.toString());
            }
        }
        List<String> unwanted = new ArrayList<>();
        for (String text : c.absent()) {
            r.lines().stream().filter(l -> lower(l).contains(lower(text))).forEach(l -> unwanted.add("'" + text + "' in: " + l));
        }
        if (!missing.isEmpty() || !unwanted.isEmpty()) {
            fail(c.name() + ": " + (missing.isEmpty() ? "" : "expected but not reported: " + missing + "; ")
                    + (unwanted.isEmpty() ? "" : "reported but must not be: " + unwanted) + "\n" + r.describe());
        }
    }

    private static void assertNoStackTrace(Result r) {
        assertFalse(r.all().contains("\tat "), "a stack trace was printed\n" + r.describe());
        assertFalse(r.all().contains("Exception"), "a Java exception was printed\n" + r.describe());
        assertFalse(lower(r.all()).contains("internal error"), "an internal error was printed\n" + r.describe());
    }

    static Result validate(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "validate";
        System.arraycopy(args, 0, full, 1, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = Main.run(full, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    // --- reading the corpus ---

    static List<Case> cases(String folder) {
        Path dir = resource(folder);
        try (Stream<Path> files = Files.list(dir)) {
            List<Case> out = new ArrayList<>();
            for (Path plan : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = plan.getFileName().toString().replaceFirst("\\.yaml$", "");
                Path expected = dir.resolve(name + ".expected");
                if (!Files.exists(expected)) {
                    throw new AssertionError(folder + "/" + name + ".yaml has no .expected file");
                }
                out.add(parse(name, plan, expected));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(String name, Path plan, Path expectedFile) throws IOException {
        List<Expected> expected = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!")) {
                absent.add(line.substring(1).strip());
                continue;
            }
            Matcher m = RULE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError(expectedFile.getFileName() + ":" + n + ": not 'LINE:COL: keyword', '!text' or '# comment': " + raw);
            }
            expected.add(new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).strip()));
        }
        return new Case(name, plan, List.copyOf(expected), List.copyOf(absent));
    }

    /**
     * A folder of test data: read from {@code src/test/resources} itself when the test runs in the
     * project (so that a case moved or deleted there is not still seen in a stale copy under
     * {@code target/test-classes}), else from the class path.
     */
    static Path resource(String name) {
        Path source = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", name);
        if (Files.isDirectory(source)) {
            return source.toAbsolutePath().normalize();
        }
        try {
            var url = InvalidPlansTest.class.getResource("/" + name);
            if (url == null) {
                throw new AssertionError("no test resource folder /" + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
