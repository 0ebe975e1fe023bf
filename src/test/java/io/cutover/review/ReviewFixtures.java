package io.cutover.review;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.load.HandlerRegistry;
import io.cutover.load.Interpolation;
import io.cutover.load.LoadOptions;
import io.cutover.load.LoadedPlan;
import io.cutover.load.PlanLoader;
import io.cutover.spi.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plans the review's golden files are made of: every sample plan in {@code plans/}, the fixture
 * on which every lint rule fires, and a plan with a base. Loaded as {@code validate} does but with
 * an empty environment, and reviewed at a fixed instant, so that the output does not depend on the
 * machine or the day. Paths are relative to the project root, the working directory of the tests.
 */
final class ReviewFixtures {
    /** The instant every golden review is made at (a Wednesday). */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Path RESOURCES = Path.of("src/test/resources/review");
    private static final PlanLoader LOADER = new PlanLoader(HandlerRegistry.defaults());
    private static final LoadOptions NO_ENV = new LoadOptions(Interpolation.Mode.VALIDATE, Map.of(), name -> null);

    private ReviewFixtures() {
    }

    /** A reviewed plan: its name for the golden file, the plan, and the base it is compared with. */
    record Case(String name, Path plan, Optional<Path> base) {
        Review review() {
            return Review.of(load(plan), base.map(ReviewFixtures::load), NOW);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static LoadedPlan load(Path file) {
        PlanLoader.Outcome outcome = LOADER.check(file, file.toString(), NO_ENV);
        assertTrue(outcome.isValid(), () -> file + " is not valid:\n" + outcome.problems().stream().map(Problem::format)
                .collect(Collectors.joining("\n")));
        return outcome.loaded();
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> plans = Files.list(Path.of("plans"))) {
            plans.filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .forEach(p -> out.add(new Case(p.getFileName().toString().replace(".yaml", ""), p, Optional.empty())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add(new Case("every-rule", RESOURCES.resolve("every-rule.yaml"), Optional.empty()));
        out.add(new Case("diff", RESOURCES.resolve("diff/plan.yaml"), Optional.of(RESOURCES.resolve("diff/base.yaml"))));
        return out;
    }
}
