package io.cutover.engine;

import io.cutover.plan.Condition;
import io.cutover.plan.Plan;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches a run's rollback triggers: samples the metrics every {@code trigger_policy.every}, keeps
 * each trigger's run of consecutive failing samples, and when one reaches its {@code for} raises
 * the {@link StopSignal} with the trigger's action and what it saw. The engine then starts no task,
 * running handlers see {@code isStopping()}, and the rollback (or stop) follows. Built-in signals
 * ({@code data_inconsistency}) are raised by the engine through {@link #signal}.
 */
final class TriggerWatch implements AutoCloseable {
    private final Plan plan;
    private final StopSignal stop;
    private final Reporter reporter;
    private final Probe probe;
    private final Clock clock;
    private final Map<String, Double> baseline = new HashMap<>();
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final Set<String> signals = ConcurrentHashMap.newKeySet();
    private final int[] failing;
    private ScheduledExecutorService sampler;

    TriggerWatch(Plan plan, StopSignal stop, Reporter reporter, Probe probe, Clock clock) {
        this.plan = plan;
        this.stop = stop;
        this.reporter = reporter;
        this.probe = probe;
        this.clock = clock;
        this.failing = new int[plan.triggers().size()];
    }

    /** Takes the baseline (only for metrics a trigger compares with {@code Nx baseline}), then starts sampling. */
    void start() throws InterruptedException {
        if (plan.triggers().isEmpty()) {
            return;
        }
        TriggerPolicy policy = plan.triggerPolicy();
        Set<String> needBaseline = baselineMetrics();
        if (!needBaseline.isEmpty()) {
            reporter.line("taking the baseline of " + String.join(", ", needBaseline) + " (" + policy.baselineSamples() + " samples)");
            Map<String, List<Double>> samples = new HashMap<>();
            for (int i = 0; i < policy.baselineSamples(); i++) {
                for (String name : needBaseline) {
                    try {
                        samples.computeIfAbsent(name, n -> new ArrayList<>()).add(probe.sample(plan.metrics().get(name)));
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        reporter.line("baseline sample of " + name + " failed: " + e.getMessage());
                    }
                }
                if (i + 1 < policy.baselineSamples()) {
                    Thread.sleep(policy.every().toMillis());
                }
            }
            samples.forEach((name, values) -> baseline.put(name, median(values)));
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-triggers");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, policy.every().toMillis());
        sampler.scheduleWithFixedDelay(this::sampleAndCheck, every, every, TimeUnit.MILLISECONDS);
    }

    /** A built-in signal (data_inconsistency): triggers on it are checked at once. */
    void signal(String name) {
        signals.add(name);
        check();
    }

    private void sampleAndCheck() {
        for (String name : usedMetrics()) {
            try {
                latest.put(name, probe.sample(plan.metrics().get(name)));
                errors.remove(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                latest.remove(name);
                errors.put(name, String.valueOf(e.getMessage()));
            }
        }
        check();
    }

    private synchronized void check() {
        if (stop.isRaised()) {
            return;
        }
        for (int i = 0; i < plan.triggers().size(); i++) {
            Trigger trigger = plan.triggers().get(i);
            Verdict verdict = evaluate(trigger.condition(), trigger);
            if (verdict == Verdict.SKIP) {
                continue;
            }
            failing[i] = verdict == Verdict.FAIL ? failing[i] + 1 : 0;
            if (failing[i] >= trigger.consecutive() || verdict == Verdict.FAIL && isSignalOnly(trigger.condition())) {
                fire(trigger);
                return;
            }
        }
    }

    private enum Verdict { PASS, FAIL, SKIP }

    private Verdict evaluate(Condition condition, Trigger trigger) {
        if (condition instanceof Condition.Signal s) {
            return signals.contains(s.name()) ? Verdict.FAIL : Verdict.PASS;
        }
        if (condition instanceof Condition.And and) {
            Verdict a = evaluate(and.left(), trigger);
            Verdict b = evaluate(and.right(), trigger);
            return a == Verdict.SKIP || b == Verdict.SKIP ? Verdict.SKIP : a == Verdict.FAIL && b == Verdict.FAIL ? Verdict.FAIL : Verdict.PASS;
        }
        if (condition instanceof Condition.Or or) {
            Verdict a = evaluate(or.left(), trigger);
            Verdict b = evaluate(or.right(), trigger);
            return a == Verdict.FAIL || b == Verdict.FAIL ? Verdict.FAIL : a == Verdict.SKIP || b == Verdict.SKIP ? Verdict.SKIP : Verdict.PASS;
        }
        Condition.Compare cmp = (Condition.Compare) condition;
        Double value = latest.get(cmp.metric());
        if (value == null) {
            return errors.containsKey(cmp.metric()) && trigger.onError() == Trigger.OnError.FAIL ? Verdict.FAIL : Verdict.SKIP;
        }
        double threshold = threshold(cmp);
        if (Double.isNaN(threshold)) {
            return Verdict.SKIP; // no baseline could be taken
        }
        return cmp.op().test(value, threshold) ? Verdict.FAIL : Verdict.PASS;
    }

    private double threshold(Condition.Compare cmp) {
        double t = cmp.threshold().doubleValue();
        if (!cmp.baseline()) {
            return t;
        }
        Double base = baseline.get(cmp.metric());
        return base == null ? Double.NaN : t * base;
    }

    private void fire(Trigger trigger) {
        String metric = trigger.condition().metrics().stream().findFirst()
                .orElse(trigger.condition() instanceof Condition.Signal s ? s.name() : "");
        Double value = latest.get(metric);
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("when", trigger.when());
        json.put("metric", metric);
        if (value != null) {
            json.put("value", value);
        } else if (errors.containsKey(metric)) {
            json.put("value", "error: " + errors.get(metric));
        } else {
            json.putNull("value");
        }
        firstCompare(trigger.condition()).ifPresentOrElse(c -> json.put("threshold", threshold(c)), () -> json.putNull("threshold"));
        json.put("at", clock.instant().toString());
        String seen = value != null ? "value " + format(value) : errors.containsKey(metric) ? "probe error: " + errors.get(metric)
                : "signal raised";
        String reason = "rollback trigger fired: " + trigger.when() + trigger.description().map(d -> " (" + d + ")").orElse("")
                + ": " + metric + " " + seen + (trigger.consecutive() > 1 ? " for " + trigger.consecutive() + " samples" : "");
        StopSignal.Action action = trigger.action() == Trigger.Action.STOP ? StopSignal.Action.STOP : StopSignal.Action.ROLLBACK;
        if (stop.raise(new StopSignal.Stop(reason, action, json.toString()))) {
            reporter.line(reason + " -> " + action.name().toLowerCase(Locale.ROOT));
        }
    }

    private static java.util.Optional<Condition.Compare> firstCompare(Condition c) {
        if (c instanceof Condition.Compare cmp) {
            return java.util.Optional.of(cmp);
        }
        if (c instanceof Condition.And and) {
            return firstCompare(and.left()).or(() -> firstCompare(and.right()));
        }
        if (c instanceof Condition.Or or) {
            return firstCompare(or.left()).or(() -> firstCompare(or.right()));
        }
        return java.util.Optional.empty();
    }

    private static boolean isSignalOnly(Condition c) {
        return c instanceof Condition.Signal;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private Set<String> usedMetrics() {
        Set<String> names = new java.util.TreeSet<>();
        plan.triggers().forEach(t -> names.addAll(t.condition().metrics()));
        names.retainAll(plan.metrics().keySet());
        return names;
    }

    private Set<String> baselineMetrics() {
        Set<String> names = new java.util.TreeSet<>();
        plan.triggers().forEach(t -> collectBaseline(t.condition(), names));
        return names;
    }

    private static void collectBaseline(Condition c, Set<String> into) {
        if (c instanceof Condition.Compare cmp && cmp.baseline()) {
            into.add(cmp.metric());
        } else if (c instanceof Condition.And and) {
            collectBaseline(and.left(), into);
            collectBaseline(and.right(), into);
        } else if (c instanceof Condition.Or or) {
            collectBaseline(or.left(), into);
            collectBaseline(or.right(), into);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
