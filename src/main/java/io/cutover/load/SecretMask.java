package io.cutover.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secret values of a run, and the one way text is cleaned of them before anyone sees it:
 * output, logs, journal rows, reviews, and database messages that echo a value back. A value is
 * replaced by {@code ***}, as written and URL-encoded.
 */
public final class SecretMask {
    /** What a secret looks like in output. */
    public static final String MASK = "***";
    private final List<String> values = new CopyOnWriteArrayList<>();

    /** Adds a value to mask; empty values mask nothing. */
    public void add(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8))) {
            if (!values.contains(form)) {
                values.add(form);
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** Adds every value of another mask. */
    public void addAll(SecretMask other) {
        other.values.forEach(this::add);
    }

    /** {@code text} with every secret value replaced by {@code ***}. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    /** True when no secret is known. */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
