package io.cutover.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cutover command in its own JVM, as an operator runs it: for crash and race tests with real processes. SIGKILL
 * leaves no shutdown hook and no finally block to run, as a crash or {@code kill -9}.
 */
public final class ChildRun {
    private final Process process;
    private final Path log;

    private ChildRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildRun start(Path dir, String name, String... args) throws IOException {
        return start(List.of(), dir, name, args);
    }

    /** With extra JVM options, such as {@code -Dcutover.journal.lingerMillis=...}. */
    public static ChildRun start(List<String> jvmOptions, Path dir, String name, String... args) throws IOException {
        return startMain(jvmOptions, "io.cutover.cli.Main", dir, name, args);
    }

    /** Another main class of the test class path (a helper process of a test). */
    public static ChildRun startMain(List<String> jvmOptions, String mainClass, Path dir, String name, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildRun(p, log);
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits until the child has printed {@code text}. */
    public void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child never printed '" + text + "'; its output:\n" + output());
            }
            Thread.sleep(5);
        }
    }

    /** Waits for the exit code; fails (after killing it) when it takes longer than {@code seconds}. */
    public int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish in " + seconds + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** What it printed so far. */
    public String output() {
        try {
            return java.nio.file.Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
