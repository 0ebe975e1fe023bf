package io.cutover.schedule;

import java.text.ParseException;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * Quartz cron expressions, checked at load time so that a typo fails {@code validate}, not the night
 * of the cutover.
 */
public final class CronRules {
    private CronRules() {
    }

    /** What is wrong with {@code cron}, or empty when Quartz accepts it. */
    public static Optional<String> problem(String cron) {
        try {
            CronExpression.validateExpression(cron);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of("'" + cron + "' is not a Quartz cron expression (" + e.getMessage().replaceAll("\\s*\\(?java\\.[\\w.$]+(Exception|Error)\\)?:?", "").trim()
                    + "); it has six or seven fields: seconds minutes hours day-of-month month day-of-week [year],"
                    + " such as \"0 0 2 ? * SUN\"");
        } catch (RuntimeException e) {
            return Optional.of("'" + cron + "' is not a Quartz cron expression: such as \"0 0 2 ? * SUN\"");
        }
    }
}
