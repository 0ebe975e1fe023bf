package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Mermaid timeline of every golden review renders with the official renderer
 * (@mermaid-js/mermaid-cli in Debian's chromium, through {@code tools/mermaid-check/check.mjs}),
 * and the picture holds every phase; a broken chart fails the same check. Skipped, saying why,
 * when node, the npm packages or chromium are missing: {@code tools/mermaid-check/install.sh}
 * installs them.
 */
class MermaidRenderTest {
    private static final Path TOOL = Path.of("tools/mermaid-check").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void everyTimelineRendersAndABrokenOneDoesNot() throws Exception {
        assumeTrue(nodeRuns(), "node is not installed: run tools/mermaid-check/install.sh");
        assumeTrue(Files.isDirectory(TOOL.resolve("node_modules/@mermaid-js/mermaid-cli")),
                "the npm packages are not installed: run tools/mermaid-check/install.sh");
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: run tools/mermaid-check/install.sh");
        Path dir = Path.of("target/mermaid-check").toAbsolutePath();
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("node", "check.mjs", dir.resolve("svg").toString()));
        List<ReviewFixtures.Case> cases = ReviewFixtures.cases();
        for (ReviewFixtures.Case c : cases) {
            Path chart = dir.resolve(c.name() + ".mmd");
            Files.writeString(chart, chart(c.review().markdown("")));
            args.add(chart.toString());
        }
        Path syntax = dir.resolve("zz-broken-syntax.mmd");
        Files.writeString(syntax, "gantt\n    dateFormat YYYY-MM-DD HH:mm\n    section a\n    one :p0, 2026-11-28 22:00, 2026-11-28 23:00;x\n");
        Path date = dir.resolve("zz-broken-date.mmd");
        Files.writeString(date, "gantt\n    dateFormat YYYY-MM-DD HH:mm\n    section a\n    one :p0, 2026-11-28 22:00, soon\n");
        args.add(syntax.toString());
        args.add(date.toString());

        Process process = new ProcessBuilder(args).directory(TOOL.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the render check took over two minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (ReviewFixtures.Case c : cases) {
            assertTrue(output.contains("ok " + dir.resolve(c.name() + ".mmd")), c.name() + " did not render:\n" + output);
            String svg = Files.readString(dir.resolve("svg").resolve(c.name() + ".svg"));
            for (var phase : ReviewFixtures.load(c.plan()).plan().phases()) {
                assertTrue(svg.contains(phase.id()), c.name() + ": the picture has no phase " + phase.id());
            }
        }
        assertTrue(output.contains("FAIL " + syntax), "a chart mermaid cannot parse must fail the check:\n" + output);
        assertTrue(output.contains("FAIL " + date), "a chart with an unreadable date must fail the check:\n" + output);
        assertEquals(1, process.exitValue(), output);
    }

    /** The Mermaid source of the Markdown's first mermaid block. */
    static String chart(String markdown) {
        int start = markdown.indexOf("```mermaid\n");
        assertTrue(start >= 0, "no mermaid block in:\n" + markdown);
        int end = markdown.indexOf("\n```", start);
        return markdown.substring(start + "```mermaid\n".length(), end + 1);
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
