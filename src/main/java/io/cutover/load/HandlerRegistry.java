package io.cutover.load;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.spi.TaskHandler;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The task types on the class path, found once with {@link ServiceLoader}. Built-ins are listed in
 * cutover's own {@code META-INF/services} file exactly as a third party's would be.
 */
public final class HandlerRegistry {
    private final Map<String, TaskHandler> byType;

    private HandlerRegistry(Map<String, TaskHandler> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The handlers the class loader provides; two handlers with one type is an error naming both. */
    public static HandlerRegistry load(ClassLoader loader) {
        Map<String, TaskHandler> found = new TreeMap<>();
        for (TaskHandler handler : ServiceLoader.load(TaskHandler.class, loader)) {
            TaskHandler other = found.putIfAbsent(handler.type(), handler);
            if (other != null) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "two handlers provide the task type '" + handler.type()
                        + "': " + other.getClass().getName() + " and " + handler.getClass().getName()
                        + "; remove one of the jars from the class path");
            }
        }
        return new HandlerRegistry(found);
    }

    private static volatile HandlerRegistry defaultRegistry;

    /** The handlers of this class path, loaded once. */
    public static HandlerRegistry defaults() {
        HandlerRegistry registry = defaultRegistry;
        if (registry == null) {
            synchronized (HandlerRegistry.class) {
                if (defaultRegistry == null) {
                    defaultRegistry = load(Thread.currentThread().getContextClassLoader());
                }
                registry = defaultRegistry;
            }
        }
        return registry;
    }

    /** The handler for a type. */
    public Optional<TaskHandler> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** All handlers, by type name. */
    public Collection<TaskHandler> all() {
        return new TreeMap<>(byType).values();
    }

    /** The type names, sorted. */
    public java.util.Set<String> types() {
        return new java.util.TreeSet<>(byType.keySet());
    }
}
