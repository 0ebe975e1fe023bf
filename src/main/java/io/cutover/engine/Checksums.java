package io.cutover.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The checksum of a task's definition as written: every key but {@code description},
 * {@code estimate}, {@code timeout} and {@code retries} (cli.md), keys sorted, references left
 * unresolved so that a secret never enters a hash and an environment change is not drift.
 */
public final class Checksums {
    private static final Set<String> IGNORED = Set.of("description", "estimate", "timeout", "retries");

    private Checksums() {
    }

    /** SHA-256 of the canonical form of a task node, in hex. */
    public static String of(JsonNode task) {
        StringBuilder canonical = new StringBuilder();
        write(task, canonical, true);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder out, boolean top) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> {
                if (!(top && IGNORED.contains(e.getKey()))) {
                    sorted.put(e.getKey(), e.getValue());
                }
            });
            out.append('{');
            sorted.forEach((k, v) -> {
                out.append(quote(k)).append(':');
                write(v, out, false);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(v -> {
                write(v, out, false);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.isString() ? quote(node.asString()) : node.toString());
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
