package io.cutover.review;

import io.cutover.load.LoadedPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pull-request view of a plan ({@code cutover review}): a summary, a timeline picture, the
 * rollback coverage, the lint findings, and what changed against a base version of the plan; as
 * Markdown, SARIF 2.1.0, JSON or text. A review reads plans as written and touches no database.
 *
 * <pre>{@code
 * Cutover cutover = new Cutover();
 * LoadedPlan plan = cutover.validate(Path.of("plans/orders.yaml")).loaded();
 * LoadedPlan base = cutover.validate(Path.of("/tmp/orders-main.yaml")).loaded();
 * Review review = Review.of(plan, Optional.of(base), Instant.now());
 * System.out.print(review.markdown(""));
 * System.exit(review.lint().hasAtLeast(Severity.ERROR) ? 1 : 0);
 * }</pre>
 */
public final class Review {
    private final PlanSource plan;
    private final Optional<PlanSource> base;
    private final Lint.Report lint;
    private final Instant now;

    private Review(PlanSource plan, Optional<PlanSource> base, Lint.Report lint, Instant now) {
        this.plan = plan;
        this.base = base;
        this.lint = lint;
        this.now = now;
    }

    /**
     * Reviews a plan, against a base version when given, seeing the window from {@code now} (the next opening
     * shown is the one open at, or next after, {@code now}).
     */
    public static Review of(LoadedPlan plan, Optional<LoadedPlan> base, Instant now) {
        return new Review(PlanSource.of(plan), base.map(PlanSource::of), Lint.check(plan), now);
    }

    /** The lint findings. */
    public Lint.Report lint() {
        return lint;
    }

    /** What changed against the base, or empty without a base. */
    public Optional<List<Change>> changes() {
        return base.map(b -> PlanDiff.between(b.raw(""), b.plan().file(), plan.raw(""), plan.plan().file()));
    }

    /** The Markdown for a pull-request comment; links to lines start with {@code linkBase} ("" for relative links). */
    public String markdown(String linkBase) {
        return mask(new MarkdownReport(this, new FileLinks(linkBase)).render());
    }

    /** SARIF 2.1.0, one rule per lint check, for code scanning. */
    public String sarif() {
        return mask(SarifReport.render(lint, plan.plan().file()));
    }

    /** The JSON of cli.md: {@code {"plan", "summary", "changes", "findings"}}. */
    public String json() {
        return mask(JsonReport.render(this));
    }

    /** The review for a terminal. */
    public String text() {
        return mask(TextReport.render(this));
    }

    PlanSource source() {
        return plan;
    }

    Optional<PlanSource> baseSource() {
        return base;
    }

    Overview overview() {
        return new Overview(plan, now);
    }

    Timeline timeline() {
        return Timeline.of(plan.plan(), now);
    }

    List<TaskSummary.Row> tasks() {
        return new TaskSummary(plan).rows();
    }

    /** Never a resolved secret in a review, even if one slipped into a value as written. */
    private String mask(String text) {
        return plan.secrets().mask(text);
    }
}
