package io.cutover.load;

import io.cutover.plan.Plan;
import io.cutover.spi.Problem;
import java.util.List;

/**
 * A plan that loaded without errors, with its warnings, the secrets to mask and the positioned tree
 * it came from.
 */
public record LoadedPlan(Plan plan, List<Problem> warnings, SecretMask secrets, YamlTree tree) {
    public LoadedPlan {
        warnings = List.copyOf(warnings);
    }
}
