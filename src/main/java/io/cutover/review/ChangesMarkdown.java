package io.cutover.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The changes against the base as Markdown: the top-level keys, then phase by phase, task by task. */
final class ChangesMarkdown {
    private final List<Change> changes;
    private final String baseFile;

    ChangesMarkdown(List<Change> changes, String baseFile) {
        this.changes = changes;
        this.baseFile = baseFile;
    }

    String render() {
        StringBuilder out = new StringBuilder("### Changes against ").append(Md.code(baseFile)).append("\n\n");
        if (changes.isEmpty()) {
            return out.append("None: the plan is the same as its base, as written.\n").toString();
        }
        Map<String, List<Change>> groups = new LinkedHashMap<>();
        for (Change c : changes) {
            String group = c.isPlanLevel() ? "**Plan**" : c.task().isEmpty() ? "**Phase " + Md.code(c.phase()) + "**"
                    : "**Task " + Md.code(c.task()) + "** in phase " + Md.code(c.phase());
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c);
        }
        groups.forEach((group, list) -> {
            out.append(group).append("\n\n");
            list.forEach(c -> out.append(item(c)));
            out.append('\n');
        });
        return out.toString().stripTrailing() + "\n";
    }

    private static String item(Change c) {
        if (c.key().isEmpty()) {
            return switch (c.kind()) {
                case ADDED -> "- " + (c.task().isEmpty() ? "phase" : "task") + " added\n";
                case REMOVED -> "- " + (c.task().isEmpty() ? "phase" : "task") + " removed\n";
                case MOVED -> "- moved from phase " + Md.code(c.old()) + " to " + Md.code(c.now()) + "\n";
                case CHANGED -> "- changed\n";
            };
        }
        String key = Md.code(c.key());
        if (c.diff().isPresent()) {
            return "- " + c.kind().label() + " " + key + ":\n\n" + Md.block("diff", c.diff().get(), "  ");
        }
        return switch (c.kind()) {
            case ADDED -> "- added " + key + ": " + Md.code(c.now()) + "\n";
            case REMOVED -> "- removed " + key + " (was " + Md.code(c.old()) + ")\n";
            default -> "- changed " + key + ": " + Md.code(c.old()) + " → " + Md.code(c.now()) + "\n";
        };
    }
}
