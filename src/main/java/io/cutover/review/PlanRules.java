package io.cutover.review;

import io.cutover.engine.ExecutionOrder;
import io.cutover.plan.DurationText;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.SourceLocation;
import io.cutover.plan.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules about the plan as a whole: rollback triggers for a windowed plan, and whether the estimates fit the window. */
final class PlanRules {
    private final PlanSource source;
    private final FindingSink sink;

    PlanRules(PlanSource source, FindingSink sink) {
        this.source = source;
        this.sink = sink;
    }

    void check() {
        Plan plan = source.plan();
        if (plan.window().isEmpty()) {
            return;
        }
        if (plan.triggers().isEmpty()) {
            sink.plan(Rules.WINDOW_WITHOUT_TRIGGERS, "window", source.tree().keyAt("/window"), "the plan has a window but no "
                    + "rollback_triggers: nothing watches production while it runs");
        }
        fit(plan, plan.window().get());
    }

    private void fit(Plan plan, Window window) {
        Duration length = Estimate.length(window);
        Duration total = Duration.ZERO;
        Phase overflowing = null;
        List<String> parts = new ArrayList<>();
        for (Phase phase : ExecutionOrder.phases(plan)) {
            Estimate estimate = Estimate.of(phase);
            if (phase.anytime() || estimate.isAssumed()) {
                continue;
            }
            total = total.plus(estimate.duration());
            parts.add(phase.id() + " " + DurationText.format(estimate.duration()));
            if (overflowing == null && total.compareTo(length) > 0) {
                overflowing = phase;
            }
        }
        if (overflowing == null) {
            return;
        }
        int index = plan.phases().indexOf(overflowing);
        String pointer = "/phases/" + index + (overflowing.estimate().isPresent() ? "/estimate" : "");
        SourceLocation at = source.tree().valueAt(pointer);
        sink.plan(Rules.ESTIMATES_EXCEED_WINDOW, "phases[" + index + "]", at, "the phases that need the window are "
                + "estimated at " + DurationText.format(total) + " (" + String.join(", ", parts) + ") but the window is open "
                + DurationText.format(length) + ": the run would reach the window's close in phase " + overflowing.id());
    }
}
