package io.cutover.plan;

import java.util.Optional;

/**
 * A gate checked before the first phase: a SQL check on a datasource, or a manual item that must
 * be acknowledged with {@code --ack ID}.
 */
public record ChecklistItem(String id, String text, Optional<String> datasource, Optional<String> sql,
                            boolean manual, SourceLocation location) {

    /** True when this item mentions a backup, in its id or its text. */
    public boolean isBackup() {
        return (id + " " + text).toLowerCase(java.util.Locale.ROOT).contains("backup");
    }
}
