package io.cutover.review;

import io.cutover.load.Interpolation;
import io.cutover.load.LoadedPlan;
import io.cutover.load.YamlTree;
import io.cutover.plan.Datasource;
import io.cutover.plan.Datasource.Engine;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.SourceLocation;
import io.cutover.plan.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A loaded plan as its author wrote it: the raw values (references unresolved, so that a review
 * never shows a resolved secret and does not depend on the machine's environment), the file's text,
 * and each task's place in the tree.
 */
final class PlanSource {
    private final LoadedPlan loaded;
    private final SourceText text;
    private final Map<Task, String> pointers = new IdentityHashMap<>();

    private PlanSource(LoadedPlan loaded, SourceText text) {
        this.loaded = loaded;
        this.text = text;
        List<Phase> phases = loaded.plan().phases();
        for (int i = 0; i < phases.size(); i++) {
            List<Task> tasks = phases.get(i).tasks();
            for (int j = 0; j < tasks.size(); j++) {
                pointers.put(tasks.get(j), "/phases/" + i + "/tasks/" + j);
            }
        }
    }

    /** The plan and the text of its file (null when the file cannot be read, as for a plan checked from text). */
    static PlanSource of(LoadedPlan loaded) {
        return new PlanSource(loaded, read(Path.of(loaded.plan().file())).map(SourceText::new).orElse(null));
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    Plan plan() {
        return loaded.plan();
    }

    /** The secrets the plan resolved (in validate mode, from this machine's environment), to mask in any output. */
    io.cutover.load.SecretMask secrets() {
        return loaded.secrets();
    }

    YamlTree tree() {
        return loaded.tree();
    }

    /** The value as written at a JSON pointer of the plan ({@code /window}); missing when absent. */
    JsonNode raw(String pointer) {
        return loaded.tree().root().at(pointer);
    }

    /** The task's JSON pointer, such as {@code /phases/2/tasks/0}. */
    String pointer(Task task) {
        return pointers.get(task);
    }

    /** The task as written (missing for a task that is not one of this plan's). */
    JsonNode raw(Task task) {
        String pointer = pointer(task);
        return pointer == null ? tools.jackson.databind.node.MissingNode.getInstance() : raw(pointer);
    }

    /** The datasource a task names ({@code datasource} of sql, {@code target.datasource} of copy); empty when none. */
    String datasourceOf(Task task) {
        return task.text("datasource").orElse(task.spec().path("target").path("datasource").asString(""));
    }

    /**
     * The engine of a datasource, read from its URL as written: a {@code ${env.X:-jdbc:...}} reference counts by
     * its default; a URL known only at run time is {@link Engine#UNKNOWN} (generic SQL).
     */
    Engine engine(String datasource) {
        return engineOf(raw("/datasources/" + datasource + "/url").asString(""));
    }

    static Engine engineOf(String url) {
        String u = url.strip();
        if (u.startsWith("${")) {
            try {
                List<Interpolation.Reference> refs = Interpolation.scan(u);
                if (!refs.isEmpty() && refs.get(0).start() == 0) {
                    return refs.get(0).fallback().map(f -> Datasource.engineOf(f.strip())).orElse(Engine.UNKNOWN);
                }
            } catch (IllegalArgumentException e) {
                return Engine.UNKNOWN;
            }
        }
        return Datasource.engineOf(u);
    }

    /** True when the datasource sets {@code lock_timeout}. */
    boolean hasLockTimeout(String datasource) {
        JsonNode value = raw("/datasources/" + datasource + "/lock_timeout");
        return !value.isMissingNode() && !value.isNull();
    }

    /** The SQL script at a key of a task ({@code up}, {@code down}), inline or {@code {file: ...}}. */
    Optional<Script> script(Task task, String key) {
        JsonNode value = raw(task).path(key);
        SourceLocation at = task.locationOf("/" + key);
        if (value.isString()) {
            return Optional.of(new Script(value.asString(), at.file(), at, Script.layoutOf(value.asString(), at, text), text));
        }
        if (value.isObject() && value.path("file").isString()) {
            Path file = Path.of(loaded.plan().file()).resolveSibling(value.path("file").asString());
            return read(file).map(sql -> new Script(sql, file.toString(), new SourceLocation(file.toString(), 1, 1),
                    Script.Layout.OWN_FILE, new SourceText(sql)));
        }
        return Optional.empty();
    }
}
