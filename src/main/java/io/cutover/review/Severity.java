package io.cutover.review;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad a lint finding is. {@code cutover review --fail-on} exits 1 when a finding is at or
 * above the chosen level; {@code validate} shows every finding as a warning whatever its level.
 */
public enum Severity {
    /** Stops the review with {@code --fail-on error} (the default). */
    ERROR,
    /** Stops the review only with {@code --fail-on warning}. */
    WARNING;

    /** The word used in every output: {@code error} or {@code warning} (SARIF's levels too). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is {@code other} or worse. */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) <= 0;
    }

    /** The level a person wrote ({@code error}, {@code warning}), if it is one. */
    public static Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
