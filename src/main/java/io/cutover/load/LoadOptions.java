package io.cutover.load;

import java.util.Map;
import java.util.function.Function;

/**
 * How to load a plan.
 *
 * @param mode   VALIDATE: unresolved references are warnings; RUN (plan, run): errors
 * @param params {@code --param} overrides, as text
 * @param env    where environment variables and secrets come from
 */
public record LoadOptions(Interpolation.Mode mode, Map<String, String> params, Function<String, String> env) {

    public LoadOptions {
        params = Map.copyOf(params);
    }

    /** For {@code validate}: the process environment, no overrides. */
    public static LoadOptions forValidate() {
        return new LoadOptions(Interpolation.Mode.VALIDATE, Map.of(), System::getenv);
    }

    /** For {@code plan} and {@code run}. */
    public static LoadOptions forRun(Map<String, String> params) {
        return new LoadOptions(Interpolation.Mode.RUN, params, System::getenv);
    }
}
