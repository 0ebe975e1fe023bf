package io.cutover.review;

import io.cutover.engine.DryRun;
import io.cutover.plan.ChecklistItem;
import io.cutover.plan.DurationText;
import io.cutover.plan.Metric;
import io.cutover.plan.Plan;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerPolicy;
import io.cutover.schedule.WindowCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The facts of a plan's summary, in words and as written: datasources (URLs as written, never
 * resolved, credentials masked), the window and its next opening in local time and UTC, the
 * checklist, the metrics and the rollback triggers in plain words.
 */
final class Overview {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (xxx)", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private final PlanSource source;
    private final Instant now;

    Overview(PlanSource source, Instant now) {
        this.source = source;
        this.now = now;
    }

    /** A datasource: its name, engine, URL as written, and the lock timeout as written ("" when none). */
    record DatasourceLine(String name, String engine, String url, String lockTimeout) { }

    /** The window in words; the next opening empty when none is left. */
    record WindowLine(String description, String timezone, String length, Optional<WindowCalendar.Opening> opening,
                      boolean openNow) {
        String opens() {
            return opening.map(o -> local(o.start())).orElse("");
        }

        String closes() {
            return opening.map(o -> local(o.end())).orElse("");
        }
    }

    /** A checklist item: id, text, and how it is checked. */
    record ChecklistLine(String id, String text, String how) { }

    static String local(ZonedDateTime t) {
        return LOCAL.format(t) + " " + t.getZone().getId() + " = " + UTC.format(t.withZoneSameInstant(ZoneOffset.UTC));
    }

    List<DatasourceLine> datasources() {
        List<DatasourceLine> out = new ArrayList<>();
        Map<String, JsonNode> sorted = new TreeMap<>();
        source.raw("/datasources").properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, ds) -> out.add(new DatasourceLine(name, engineName(name), maskUrl(ds.path("url").asString("")),
                ds.has("lock_timeout") ? YamlText.flow(ds.get("lock_timeout")) : "")));
        return out;
    }

    private String engineName(String datasource) {
        return switch (source.engine(datasource)) {
            case POSTGRESQL -> "PostgreSQL";
            case MARIADB -> "MariaDB/MySQL";
            case H2 -> "H2";
            case UNKNOWN -> "unknown until run time";
        };
    }

    /** A URL as written, with a password in it (user:password@ or password=) shown as ***. */
    static String maskUrl(String url) {
        String out = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USER_INFO.matcher(out).replaceAll("$1***@");
    }

    Optional<WindowLine> window() {
        return source.plan().window().map(w -> {
            Optional<WindowCalendar.Opening> next = WindowCalendar.openAtOrAfter(w, now);
            return new WindowLine(DryRun.describe(w), w.timezone().getId(), DurationText.format(Estimate.length(w)), next,
                    next.map(o -> o.contains(now)).orElse(false));
        });
    }

    List<ChecklistLine> checklist() {
        List<ChecklistLine> out = new ArrayList<>();
        for (ChecklistItem item : source.plan().checklist()) {
            out.add(new ChecklistLine(item.id(), item.text(), item.manual() ? "manual: acknowledge with --ack " + item.id()
                    : "SQL check on " + item.datasource().orElse("?")));
        }
        return out;
    }

    /** A rollback trigger in plain words: the condition as written, and what follows from it. */
    record TriggerLine(String when, String then) {
        /** {@code error_rate > 1% for 3 consecutive samples -> roll back}. */
        String words() {
            return when + then;
        }
    }

    /** Each rollback trigger in plain words: {@code error_rate > 1% for 3 consecutive samples -> roll back}. */
    List<TriggerLine> triggers() {
        List<TriggerLine> out = new ArrayList<>();
        for (Trigger t : source.plan().triggers()) {
            StringBuilder words = new StringBuilder();
            if (t.when().strip().equals("data_inconsistency")) {
                words.append(" (a verify check failed)");
            }
            if (t.consecutive() > 1) {
                words.append(" for ").append(t.consecutive()).append(" consecutive samples");
            }
            words.append(" -> ").append(t.action() == Trigger.Action.ROLLBACK ? "roll back" : "stop the run");
            if (t.onError() == Trigger.OnError.IGNORE) {
                words.append(" (a probe that errors is ignored)");
            }
            t.description().ifPresent(d -> words.append(": ").append(d));
            out.add(new TriggerLine(t.when(), words.toString()));
        }
        return out;
    }

    /** How the triggers are watched, in one sentence; empty without triggers. */
    String policy() {
        Plan plan = source.plan();
        if (plan.triggers().isEmpty()) {
            return "";
        }
        TriggerPolicy p = plan.triggerPolicy();
        return "Sampled every " + DurationText.format(p.every()) + ", with a baseline of " + p.baselineSamples()
                + " samples taken before the first phase"
                + (p.after().isZero() ? "." : ", and watched for " + DurationText.format(p.after()) + " after the last phase.");
    }

    /** Each metric: name and what it reads, as written. */
    List<String> metrics() {
        List<String> out = new ArrayList<>();
        for (Metric m : source.plan().metrics().values().stream().sorted(java.util.Comparator.comparing(Metric::name)).toList()) {
            JsonNode raw = source.raw("/metrics/" + m.name());
            String what = switch (m.kind()) {
                case SQL -> "SQL on " + m.datasource().orElse("?");
                case HTTP -> m.measure() + " of " + raw.path("http").asString("");
                case SHELL -> m.measure() + " of " + raw.path("shell").asString("");
            };
            out.add(m.name() + ": " + what);
        }
        return out;
    }
}
