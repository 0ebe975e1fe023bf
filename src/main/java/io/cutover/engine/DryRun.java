package io.cutover.engine;

import io.cutover.load.Interpolation;
import io.cutover.load.LoadedPlan;
import io.cutover.load.SecretMask;
import io.cutover.plan.ChecklistItem;
import io.cutover.plan.DurationText;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Task;
import io.cutover.plan.Trigger;
import io.cutover.plan.Window;
import io.cutover.schedule.WindowCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code cutover plan} shows without running anything: phases and tasks in run order with
 * their rendered SQL and commands (secrets as {@code ***}), the rollback path, and how the plan fits
 * its window. The same content as text and as JSON.
 */
public final class DryRun {
    private static final Set<String> COMMON = Set.of("id", "type", "description", "needs", "timeout", "retries",
            "estimate", "irreversible", "lint");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private final LoadedPlan loaded;
    private final SecretMask secrets;
    private final Path planDir;

    public DryRun(LoadedPlan loaded) {
        this.loaded = loaded;
        this.secrets = loaded.secrets();
        Path parent = Path.of(loaded.plan().file()).toAbsolutePath().getParent();
        this.planDir = parent == null ? Path.of(".") : parent;
    }

    /** The dry run as JSON, with the window seen from {@code at}. */
    public ObjectNode toJson(Instant at) {
        Plan plan = loaded.plan();
        ObjectNode out = JsonMapper.shared().createObjectNode();
        out.put("plan", plan.name());
        out.put("file", plan.file());
        out.put("version", plan.version());
        out.set("window", windowJson(at));
        ArrayNode checklist = out.putArray("checklist");
        for (ChecklistItem item : plan.checklist()) {
            ObjectNode c = checklist.addObject();
            c.put("id", item.id());
            c.put("text", item.text());
            c.put("manual", item.manual());
            item.sql().ifPresent(s -> c.put("sql", secrets.mask(s)));
        }
        ArrayNode phases = out.putArray("phases");
        for (Phase phase : ExecutionOrder.phases(plan)) {
            ObjectNode p = phases.addObject();
            p.put("id", phase.id());
            p.put("anytime", phase.anytime());
            p.set("needs", strings(phase.needs()));
            phase.estimate().ifPresent(e -> p.put("estimate", DurationText.format(e)));
            p.set("foreach", strings(phase.foreach()));
            ArrayNode tasks = p.putArray("tasks");
            for (String item : items(phase)) {
                for (Task task : ExecutionOrder.tasks(phase)) {
                    ObjectNode t = tasks.addObject();
                    t.put("id", task.id());
                    t.put("type", task.type());
                    if (item != null) {
                        t.put("item", item);
                    }
                    t.put("irreversible", task.irreversible());
                    t.set("spec", rendered(task, item));
                }
            }
        }
        ArrayNode rollback = out.putArray("rollback");
        for (String step : rollbackPath()) {
            rollback.add(step);
        }
        ArrayNode triggers = out.putArray("rollback_triggers");
        plan.triggers().forEach(t -> triggers.add(t.when()));
        return out;
    }

    /** The dry run as text for a terminal. */
    public String toText(Instant at) {
        Plan plan = loaded.plan();
        StringBuilder out = new StringBuilder();
        out.append("Plan ").append(plan.name());
        if (!plan.version().isEmpty()) {
            out.append(" (version ").append(plan.version()).append(')');
        }
        out.append(" from ").append(plan.file()).append('\n');
        if (!plan.description().isEmpty()) {
            out.append(plan.description()).append('\n');
        }
        out.append('\n').append(windowText(at)).append('\n');
        if (!plan.checklist().isEmpty()) {
            out.append("\nChecklist (checked before the first phase):\n");
            for (ChecklistItem item : plan.checklist()) {
                out.append("  - ").append(item.id()).append(": ").append(item.text())
                        .append(item.manual() ? "  [manual: --ack " + item.id() + "]" : "  [sql on " + item.datasource().orElse("?") + "]")
                        .append('\n');
            }
        }
        out.append("\nPhases, in run order:\n");
        int n = 1;
        for (Phase phase : ExecutionOrder.phases(plan)) {
            out.append(String.format("%n%d. %s", n++, phase.id()));
            List<String> notes = new ArrayList<>();
            if (!phase.needs().isEmpty()) {
                notes.add("after " + String.join(", ", phase.needs()));
            }
            if (phase.anytime()) {
                notes.add("anytime");
            }
            phase.estimate().ifPresent(e -> notes.add("estimate " + DurationText.format(e)));
            if (phase.isForeach()) {
                notes.add("for each of " + String.join(", ", phase.foreach()));
            }
            if (phase.onFailure() == Phase.OnFailure.STOP) {
                notes.add("on failure: stop");
            }
            out.append(notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")").append('\n');
            if (!phase.description().isEmpty()) {
                out.append("   ").append(phase.description()).append('\n');
            }
            for (String item : items(phase)) {
                if (item != null) {
                    out.append("   item ").append(item).append(":\n");
                }
                for (Task task : ExecutionOrder.tasks(phase)) {
                    taskText(out, task, item);
                }
            }
        }
        out.append("\nRollback path (if every task applied, newest first):\n");
        List<String> path = rollbackPath();
        if (path.isEmpty()) {
            out.append("  nothing to undo: no task changes anything\n");
        }
        path.forEach(step -> out.append("  ").append(step).append('\n'));
        if (!plan.triggers().isEmpty()) {
            out.append("\nRollback triggers (sampled every ").append(DurationText.format(plan.triggerPolicy().every())).append("):\n");
            for (Trigger t : plan.triggers()) {
                out.append("  - ").append(t.when()).append(t.consecutive() > 1 ? " for " + t.consecutive() + " samples" : "")
                        .append(" -> ").append(t.action().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
            }
        }
        out.append("\nNothing was run.\n");
        return secrets.mask(out.toString());
    }

    private void taskText(StringBuilder out, Task task, String item) {
        String indent = task.path().isEmpty() ? "   " : "   ";
        out.append(indent).append("- ").append(task.id()).append(" [").append(task.type()).append(']');
        if (task.irreversible()) {
            out.append(" IRREVERSIBLE");
        }
        if (!task.description().isEmpty()) {
            out.append("  ").append(task.description());
        }
        out.append('\n');
        for (Map.Entry<String, JsonNode> e : rendered(task, item).properties()) {
            String value = e.getValue().isString() ? e.getValue().asString() : e.getValue().toString();
            if (value.contains("\n") || value.length() > 80) {
                out.append(indent).append("    ").append(e.getKey()).append(":\n");
                for (String line : value.strip().split("\n")) {
                    out.append(indent).append("      ").append(line).append('\n');
                }
            } else {
                out.append(indent).append("    ").append(e.getKey()).append(": ").append(value).append('\n');
            }
        }
    }

    /** The handler's keys with {@code {file: ...}} read, {@code ${item}} filled in and secrets masked. */
    private ObjectNode rendered(Task task, String item) {
        ObjectNode out = JsonMapper.shared().createObjectNode();
        for (Map.Entry<String, JsonNode> e : task.spec().properties()) {
            if (COMMON.contains(e.getKey())) {
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isObject() && value.size() == 1 && value.has("file")) {
                out.put(e.getKey(), secrets.mask(finish(readFile(value.get("file").asString()), item)));
            } else if (value.isString()) {
                out.put(e.getKey(), secrets.mask(finish(value.asString(), item)));
            } else {
                out.set(e.getKey(), JsonMapper.shared().readTree(secrets.mask(finish(value.toString(), item))));
            }
        }
        return out;
    }

    private String readFile(String name) {
        try {
            return Files.readString(planDir.resolve(name));
        } catch (IOException e) {
            return "-- cannot read " + name + ": " + e.getMessage();
        }
    }

    private static String finish(String text, String item) {
        return Interpolation.finish(text, item, "<run id>");
    }

    private static List<String> items(Phase phase) {
        if (!phase.isForeach()) {
            return java.util.Collections.singletonList(null);
        }
        return phase.foreach();
    }

    /** What a full rollback would do, newest first. */
    private List<String> rollbackPath() {
        List<String> steps = new ArrayList<>();
        for (Phase phase : ExecutionOrder.phases(loaded.plan())) {
            for (String item : items(phase)) {
                for (Task task : ExecutionOrder.tasks(phase)) {
                    String label = task.id() + (item == null ? "" : " [" + item + "]");
                    if (task.irreversible()) {
                        steps.add(label + ": irreversible, stays applied");
                    } else if (task.has("down")) {
                        JsonNode down = task.spec().get("down");
                        String text = down.isString() ? down.asString().strip() : down.toString();
                        text = text.contains("\n") ? text.lines().findFirst().orElse("") + " ..." : text;
                        steps.add(label + ": " + secrets.mask(finish(text, item)));
                    }
                }
            }
        }
        java.util.Collections.reverse(steps);
        return steps;
    }

    private String windowText(Instant at) {
        Optional<Window> window = loaded.plan().window();
        if (window.isEmpty()) {
            return "Window: none (the plan may run at any time)";
        }
        Window w = window.get();
        StringBuilder out = new StringBuilder("Window: ").append(describe(w)).append('\n');
        Optional<WindowCalendar.Opening> opening = WindowCalendar.openAtOrAfter(w, at);
        if (opening.isEmpty()) {
            return out.append("  no opening is left: the window has passed").toString();
        }
        WindowCalendar.Opening o = opening.get();
        out.append(o.contains(at) ? "  open now: " : "  next opening: ")
                .append(LOCAL.format(o.start())).append(' ').append(w.timezone()).append(" = ")
                .append(UTC.format(o.start().withZoneSameInstant(ZoneOffset.UTC))).append('\n');
        out.append("  closes:       ").append(LOCAL.format(o.end())).append(' ').append(w.timezone()).append(" = ")
                .append(UTC.format(o.end().withZoneSameInstant(ZoneOffset.UTC)));
        gapNote(w, o.start()).ifPresent(note -> out.append('\n').append("  note: ").append(note));
        return out.toString();
    }

    private ObjectNode windowJson(Instant at) {
        ObjectNode out = JsonMapper.shared().createObjectNode();
        Optional<Window> window = loaded.plan().window();
        if (window.isEmpty()) {
            return null;
        }
        out.put("description", describe(window.get()));
        out.put("timezone", window.get().timezone().getId());
        WindowCalendar.openAtOrAfter(window.get(), at).ifPresent(o -> {
            out.put("open_now", o.contains(at));
            out.put("opens", o.start().toOffsetDateTime().toString());
            out.put("opens_utc", o.start().toInstant().toString());
            out.put("closes", o.end().toOffsetDateTime().toString());
            out.put("closes_utc", o.end().toInstant().toString());
        });
        return out;
    }

    /** Says so when the written opening time fell into a DST gap and moved. */
    static Optional<String> gapNote(Window w, ZonedDateTime start) {
        java.time.LocalTime written = w instanceof Window.Weekly weekly ? weekly.from()
                : w instanceof Window.OneOff once ? once.at().toLocalTime() : null;
        if (written != null && !start.toLocalTime().equals(written)) {
            return Optional.of(written + " does not exist on " + start.toLocalDate() + " in " + w.timezone()
                    + " (clocks jump forward); the window opens at " + start.toLocalTime() + " instead");
        }
        return Optional.empty();
    }

    /** The window in words. */
    public static String describe(Window w) {
        String text;
        if (w instanceof Window.Weekly weekly) {
            List<String> days = weekly.days().stream().sorted().map(d -> d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT)).toList();
            text = "weekly on " + String.join(", ", days) + " from " + weekly.from() + " to " + weekly.to();
        } else if (w instanceof Window.Cron cron) {
            text = "cron \"" + cron.cron() + "\" for " + DurationText.format(cron.duration());
        } else {
            Window.OneOff once = (Window.OneOff) w;
            text = "once at " + once.at() + " for " + DurationText.format(once.duration());
        }
        text += " (" + w.timezone() + "; on close: " + w.onClose().name().toLowerCase(java.util.Locale.ROOT) + ")";
        if (!w.exclude().isEmpty()) {
            text += ", except " + w.exclude();
        }
        return text;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = JsonMapper.shared().createArrayNode();
        values.forEach(out::add);
        return out;
    }
}
