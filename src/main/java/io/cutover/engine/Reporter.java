package io.cutover.engine;

import io.cutover.load.SecretMask;
import io.cutover.plan.Task;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What a person watching a run sees: one line as each task starts and ends, with durations, and a
 * labelled block when something fails. Everything passes through the secret mask. With
 * {@code --format json} these lines go to standard error and the JSON report alone to standard out.
 */
public final class Reporter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.cutover.run");
    private final PrintWriter out;
    private final SecretMask secrets;

    public Reporter(PrintWriter out, SecretMask secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    /** A line as it is. */
    public synchronized void line(String text) {
        String masked = secrets.mask(text);
        if (redrawing) {
            out.print("\r\033[K");
            redrawing = false;
        }
        out.println(masked);
        out.flush();
        LOG.info(masked);
    }

    /** True when standard output is a terminal: progress redraws one line instead of adding lines. */
    private final boolean terminal = System.console() != null;
    private boolean redrawing;

    void started(Task task, String item) {
        line("start  " + label(task, item) + " (" + task.type() + ")");
    }

    void finished(Task task, String item, TaskState state, Duration took, String note) {
        // No String.format on this path: it runs twice per task, and a format costs more than the rest of the line.
        String word = state == TaskState.SUCCEEDED ? "done" : state == TaskState.ROLLED_BACK ? "undone" : state.wire();
        StringBuilder text = new StringBuilder(80).append(word);
        for (int i = word.length(); i < 6; i++) {
            text.append(' ');
        }
        text.append(' ').append(label(task, item)).append(" in ").append(seconds(took));
        if (note != null && !note.isBlank()) {
            text.append(": ").append(note);
        }
        line(text.toString());
    }

    synchronized void progress(Task task, String message) {
        String text = "       " + task.id() + ": " + secrets.mask(message);
        LOG.info(text);
        if (terminal && out != null) {
            out.print("\r\033[K" + text);
            out.flush();
            redrawing = true;
        } else {
            out.println(text);
            out.flush();
        }
    }

    /** The failure block: task, where, what the database said, and what to do next. */
    void failure(Task task, String item, String message, String plan) {
        StringBuilder block = new StringBuilder();
        block.append("FAILED ").append(label(task, item)).append('\n');
        block.append("  task:       ").append(task.id()).append(" (").append(task.type()).append(", ")
                .append(task.location()).append(")\n");
        if (task.text("datasource").isPresent()) {
            block.append("  datasource: ").append(task.text("datasource").get()).append('\n');
        }
        for (String part : message.split("\n")) {
            block.append("  ").append(part).append('\n');
        }
        block.append("  next:       cutover status ").append(plan);
        line(block.toString());
    }

    static String label(Task task, String item) {
        return task.phase() + "/" + task.id() + (item == null || item.isEmpty() ? "" : "[" + item + "]");
    }

    /** Seconds with two decimals, rounded half up: "1.24s" for 1,235 ms. */
    static String seconds(Duration d) {
        long millis = d.toMillis();
        if (millis < 0) {
            return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
        }
        long hundredths = (millis + 5) / 10;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction + "s";
    }
}
