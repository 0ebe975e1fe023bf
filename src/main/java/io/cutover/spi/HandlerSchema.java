package io.cutover.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a handler's schema fragment from a resource beside its class, the way the built-in
 * handlers keep theirs ({@code io/cutover/handlers/sql/sql.schema.json}). A fragment may use the
 * plan schema's shared definitions: {@code #/$defs/integer}, {@code boolean}, {@code duration},
 * {@code sql_script}, {@code table_ref}.
 */
public final class HandlerSchema {
    private HandlerSchema() {
    }

    /** The fragment in resource {@code name}, relative to {@code owner}'s package. */
    public static JsonNode load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + name + " beside " + owner.getName());
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
