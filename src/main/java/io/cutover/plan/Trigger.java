package io.cutover.plan;

import java.util.Optional;

/**
 * A rollback trigger: when {@code condition} holds for {@code consecutive} samples, do {@code action}.
 *
 * @param when        the condition as written
 * @param condition   the parsed condition
 * @param consecutive how many failing samples in a row fire it ({@code for}, default 1)
 * @param onError     what a probe that errors counts as
 * @param action      what firing does
 */
public record Trigger(String when, Condition condition, int consecutive, OnError onError, Action action,
                      Optional<String> description, SourceLocation location) {

    /** A probe that errors or times out: a failing sample, or ignored. */
    public enum OnError { FAIL, IGNORE }

    /** What a fired trigger does. */
    public enum Action { ROLLBACK, STOP }
}
