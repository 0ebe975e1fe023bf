package io.cutover.load;

import io.cutover.plan.ChecklistItem;
import io.cutover.plan.Condition;
import io.cutover.plan.Datasource;
import io.cutover.plan.DurationText;
import io.cutover.plan.Metric;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Retries;
import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerPolicy;
import io.cutover.plan.Window;
import io.cutover.schedule.CronRules;
import io.cutover.spi.Problem.Severity;
import io.cutover.spi.Problems;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link Plan} records from a resolved tree. It never throws on a malformed tree (the
 * schema check has reported that): what cannot be read takes its default, and the values that need
 * parsing (durations, zones, times, cron, conditions) are checked here, with their positions.
 */
final class PlanBinder {
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private final YamlTree tree;
    private final Problems problems;

    PlanBinder(YamlTree tree, Problems problems) {
        this.tree = tree;
        this.problems = problems;
    }

    Plan bind(JsonNode root) {
        Map<String, Object> params = new LinkedHashMap<>();
        root.path("params").properties().forEach(e -> params.put(e.getKey(), scalar(e.getValue())));
        return new Plan(tree.file(), text(root, "name", ""), text(root, "version", ""), text(root, "description", ""),
                strings(root.path("owners")), params, datasources(root.path("datasources")), window(root.path("window")),
                checklist(root.path("checklist")), metrics(root.path("metrics")), triggers(root.path("rollback_triggers")),
                policy(root.path("trigger_policy")), phases(root.path("phases")));
    }

    private Map<String, Datasource> datasources(JsonNode node) {
        Map<String, Datasource> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode ds = e.getValue();
            String p = "/datasources/" + e.getKey();
            String url = text(ds, "url", "");
            if (!url.contains("${") && !url.isEmpty() && Datasource.engineOf(url) == Datasource.Engine.UNKNOWN) {
                error(p + "/url", "'" + url + "' is not a JDBC URL of a supported engine: use jdbc:postgresql:, "
                        + "jdbc:mariadb:, jdbc:mysql: or jdbc:h2:");
            }
            out.put(e.getKey(), new Datasource(e.getKey(), url, text(ds, "user", ""), text(ds, "password", ""),
                    integer(ds, "pool_size", 4), duration(ds, p, "lock_timeout"), duration(ds, p, "statement_timeout")));
        }
        return out;
    }

    private Optional<Window> window(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        String p = "/window";
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = text(node, "timezone", "");
        try {
            if (!zoneText.isEmpty()) {
                if (!ZoneId.getAvailableZoneIds().contains(zoneText) && !zoneText.equals("UTC")) {
                    throw new DateTimeException("not an IANA region");
                }
                zone = ZoneId.of(zoneText);
            }
        } catch (DateTimeException e) {
            List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
            error(p + "/timezone", "'" + zoneText + "' is not an IANA time zone" + Suggestions.hint(zoneText, zones)
                    + "; write e.g. Europe/Berlin or UTC");
        }
        Window.OnClose onClose = switch (text(node, "on_close", "stop")) {
            case "rollback" -> Window.OnClose.ROLLBACK;
            case "finish_phase" -> Window.OnClose.FINISH_PHASE;
            default -> Window.OnClose.STOP;
        };
        List<LocalDate> exclude = new ArrayList<>();
        List<JsonNode> ex = elements(node.path("exclude"));
        for (int i = 0; i < ex.size(); i++) {
            if (!ex.get(i).isString()) {
                continue; // the schema reports it
            }
            try {
                exclude.add(LocalDate.parse(ex.get(i).asString()));
            } catch (DateTimeException e) {
                error(p + "/exclude/" + i, "'" + ex.get(i).asString() + "' is not a date: write YYYY-MM-DD");
            }
        }
        boolean weekly = node.has("days") || node.has("from") || node.has("to");
        boolean cron = node.has("cron");
        boolean once = node.has("at");
        int forms = (weekly ? 1 : 0) + (cron ? 1 : 0) + (once ? 1 : 0);
        if (forms != 1) {
            error(p, forms == 0 ? "a window needs one form: weekly (days, from, to), cron (cron, duration) or one-off (at, duration)"
                    : "a window has one form only: weekly (days, from, to), cron (cron, duration) or one-off (at, duration); this one mixes them");
            return Optional.empty();
        }
        if (weekly) {
            for (String key : List.of("days", "from", "to")) {
                if (!node.has(key)) {
                    error(p, "a weekly window needs 'days', 'from' and 'to'; '" + key + "' is missing");
                    return Optional.empty();
                }
            }
            if (node.has("duration")) {
                error(p + "/duration", "a weekly window ends at 'to'; 'duration' belongs to the cron and one-off forms");
            }
            List<DayOfWeek> days = new ArrayList<>();
            elements(node.path("days")).forEach(d -> Optional.ofNullable(DAYS.get(d.asString())).ifPresent(days::add));
            Optional<LocalTime> from = time(node, p, "from");
            Optional<LocalTime> to = time(node, p, "to");
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Window.Weekly(Set.copyOf(days), from.get(), to.get(), zone, onClose, exclude));
        }
        Optional<Duration> length = duration(node, p, "duration");
        if (length.isEmpty()) {
            if (!node.has("duration")) {
                error(p, "a " + (cron ? "cron" : "one-off") + " window needs 'duration', such as 4h");
            }
            return Optional.empty();
        }
        if (cron) {
            String expression = text(node, "cron", "");
            Optional<String> wrong = CronRules.problem(expression);
            if (wrong.isPresent()) {
                error(p + "/cron", wrong.get());
                return Optional.empty();
            }
            return Optional.of(new Window.Cron(expression, length.get(), zone, onClose, exclude));
        }
        String at = text(node, "at", "");
        try {
            return Optional.of(new Window.OneOff(LocalDateTime.parse(at), length.get(), zone, onClose, exclude));
        } catch (DateTimeException e) {
            error(p + "/at", "'" + at + "' is not a local date and time: write e.g. 2026-12-06T02:00 (in the window's timezone)");
            return Optional.empty();
        }
    }

    private Optional<LocalTime> time(JsonNode node, String p, String key) {
        String t = text(node, key, "");
        try {
            return Optional.of(LocalTime.parse(t));
        } catch (DateTimeException e) {
            error(p + "/" + key, "'" + t + "' is not a time: write \"HH:MM\", such as \"02:00\"");
            return Optional.empty();
        }
    }

    private List<ChecklistItem> checklist(JsonNode node) {
        List<ChecklistItem> out = new ArrayList<>();
        List<JsonNode> list = elements(node);
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String p = "/checklist/" + i;
            boolean manual = bool(item, "manual", false);
            Optional<String> sql = optionalText(item, "sql");
            Optional<String> ds = optionalText(item, "datasource");
            if (manual == sql.isPresent()) {
                error(p, manual ? "a checklist item is either manual or a SQL check, not both"
                        : "a checklist item needs 'sql' (with 'datasource') or 'manual: true'");
            } else if (sql.isPresent() && ds.isEmpty()) {
                error(p, "a SQL check needs 'datasource'");
            }
            out.add(new ChecklistItem(text(item, "id", ""), text(item, "text", ""), ds, sql, manual, tree.valueAt(p)));
        }
        return out;
    }

    private Map<String, Metric> metrics(JsonNode node) {
        Map<String, Metric> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode m = e.getValue();
            String p = "/metrics/" + e.getKey();
            List<Metric.Kind> kinds = new ArrayList<>();
            if (m.has("sql")) {
                kinds.add(Metric.Kind.SQL);
            }
            if (m.has("http")) {
                kinds.add(Metric.Kind.HTTP);
            }
            if (m.has("shell")) {
                kinds.add(Metric.Kind.SHELL);
            }
            if (kinds.size() != 1) {
                error(p, "a metric needs exactly one of 'sql', 'http' or 'shell'");
                continue;
            }
            Metric.Kind kind = kinds.get(0);
            String measure = text(m, "measure", switch (kind) {
                case SQL -> "value";
                case HTTP -> "latency_ms";
                case SHELL -> "exit_ok";
            });
            Set<String> allowed = switch (kind) {
                case SQL -> Set.of("value");
                case HTTP -> Set.of("latency_ms", "status", "body_number");
                case SHELL -> Set.of("exit_ok", "number");
            };
            if (!allowed.contains(measure)) {
                error(p + "/measure", kind == Metric.Kind.SQL ? "a sql metric is the query's value: leave out 'measure'"
                        : "'" + measure + "' does not measure a " + kind.name().toLowerCase(Locale.ROOT) + " probe: use "
                        + String.join(" or ", new java.util.TreeSet<>(allowed)));
            }
            if (kind == Metric.Kind.SQL && !m.has("datasource")) {
                error(p, "a sql metric needs 'datasource'");
            }
            String target = text(m, kind.name().toLowerCase(Locale.ROOT), "");
            out.put(e.getKey(), new Metric(e.getKey(), kind, target, measure, optionalText(m, "datasource"),
                    duration(m, p, "timeout").orElse(Duration.ofSeconds(10)), tree.keyAt(p)));
        }
        return out;
    }

    private List<Trigger> triggers(JsonNode node) {
        List<Trigger> out = new ArrayList<>();
        List<JsonNode> list = elements(node);
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String p = "/rollback_triggers/" + i;
            String when = text(t, "when", "");
            Condition condition;
            try {
                condition = ConditionParser.parse(when);
            } catch (IllegalArgumentException e) {
                error(p + "/when", "'" + when + "': " + e.getMessage());
                continue;
            }
            out.add(new Trigger(when, condition, integer(t, "for", 1),
                    "ignore".equals(text(t, "on_error", "fail")) ? Trigger.OnError.IGNORE : Trigger.OnError.FAIL,
                    "stop".equals(text(t, "action", "rollback")) ? Trigger.Action.STOP : Trigger.Action.ROLLBACK,
                    optionalText(t, "description"), tree.valueAt(p + "/when")));
        }
        return out;
    }

    private TriggerPolicy policy(JsonNode node) {
        String p = "/trigger_policy";
        TriggerPolicy d = TriggerPolicy.DEFAULT;
        return new TriggerPolicy(duration(node, p, "every").orElse(d.every()),
                integer(node, "baseline_samples", d.baselineSamples()), duration(node, p, "after").orElse(d.after()));
    }

    private List<Phase> phases(JsonNode node) {
        List<Phase> out = new ArrayList<>();
        String previous = null;
        List<JsonNode> list = elements(node);
        for (int i = 0; i < list.size(); i++) {
            JsonNode ph = list.get(i);
            String p = "/phases/" + i;
            String id = text(ph, "id", "phase-" + (i + 1));
            List<String> needs = ph.has("needs") ? strings(ph.path("needs"))
                    : previous == null ? List.of() : List.of(previous);
            List<Task> tasks = new ArrayList<>();
            String previousTask = null;
            List<JsonNode> taskNodes = elements(ph.path("tasks"));
            for (int j = 0; j < taskNodes.size(); j++) {
                Task task = task(taskNodes.get(j), p + "/tasks/" + j, id, previousTask);
                tasks.add(task);
                previousTask = task.id();
            }
            List<String> foreach = new ArrayList<>();
            elements(ph.path("foreach")).forEach(item -> foreach.add(item.isString() ? item.asString() : item.toString()));
            out.add(new Phase(id, text(ph, "description", ""), needs, duration(ph, p, "estimate"), bool(ph, "anytime", false),
                    foreach, "stop".equals(text(ph, "on_failure", "rollback")) ? Phase.OnFailure.STOP : Phase.OnFailure.ROLLBACK,
                    tasks, tree.valueAt(p)));
            previous = id;
        }
        return out;
    }

    private Task task(JsonNode t, String p, String phase, String previousTask) {
        String id = text(t, "id", "");
        List<String> needs = t.has("needs") ? strings(t.path("needs"))
                : previousTask == null ? List.of() : List.of(previousTask);
        Retries retries = Retries.NONE;
        if (t.path("retries").isObject()) {
            int attempts = Math.max(1, integer(t.path("retries"), "attempts", 1));
            retries = new Retries(attempts, duration(t.path("retries"), p + "/retries", "backoff").orElse(Duration.ofSeconds(1)));
        }
        Map<String, SourceLocation> positions = taskPositions().getOrDefault(p, Map.of());
        return new Task(id, text(t, "type", ""), phase, text(t, "description", ""), needs, duration(t, p, "timeout"),
                retries, duration(t, p, "estimate"), bool(t, "irreversible", false), strings(t.path("lint").path("ignore")),
                t, YamlTree.readable(p), tree.valueAt(p), positions);
    }

    private Map<String, Map<String, SourceLocation>> taskPositions;

    /** Positions grouped by task pointer ({@code /phases/1/tasks/0}), relative to the task: built once. */
    private Map<String, Map<String, SourceLocation>> taskPositions() {
        if (taskPositions == null) {
            taskPositions = new HashMap<>();
            for (Map.Entry<String, SourceLocation> e : tree.values().entrySet()) {
                String key = e.getKey();
                if (!key.startsWith("/phases/")) {
                    continue;
                }
                int end = nthSlash(key, 5);
                if (end < 0 || !key.startsWith("/tasks/", nthSlash(key, 3))) {
                    continue;
                }
                taskPositions.computeIfAbsent(key.substring(0, end), k -> new HashMap<>()).put(key.substring(end), e.getValue());
            }
        }
        return taskPositions;
    }

    private static int nthSlash(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf('/', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    // --- small readers: tolerant of wrong types, which the schema check reports ---

    private Optional<Duration> duration(JsonNode node, String p, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            return Optional.empty(); // the schema reports the type
        }
        String text = value.asString();
        if (text.contains("${")) {
            return Optional.empty();
        }
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            error(p + "/" + key, "'" + text + "' is not " + DurationText.EXPECTED);
        }
        return parsed;
    }

    private void error(String pointer, String message) {
        problems.add(Severity.ERROR, tree.valueAt(pointer), YamlTree.readable(parentOf(pointer)), message);
    }

    private static String parentOf(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainer() ? fallback : value.asString();
    }

    private static Optional<String> optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainer() ? Optional.empty() : Optional.of(value.asString());
    }

    private static int integer(JsonNode node, String key, int fallback) {
        JsonNode value = node.get(key);
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? value.asInt() : fallback;
    }

    private static boolean bool(JsonNode node, String key, boolean fallback) {
        JsonNode value = node.get(key);
        return value != null && value.isBoolean() ? value.booleanValue() : fallback;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        elements(node).forEach(v -> {
            if (v.isValueNode() && !v.isNull()) {
                out.add(v.asString());
            }
        });
        return out;
    }

    private static Object scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNull() ? "" : value.isContainer() ? value.toString() : value.asString();
    }

    /** The elements of a list, each a mapping or a value; anything but a list has none (the schema reports it). */
    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(e -> out.add(e == null ? tools.jackson.databind.node.MissingNode.getInstance() : e));
        }
        return out;
    }
}
