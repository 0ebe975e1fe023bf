package io.cutover.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that watches the event stream for what the composer would report without a position:
 * too many aliases (an alias bomb), an alias to a collection that is still open (a recursive
 * structure), nesting too deep. It stops at the offending event, so the error names its line.
 */
final class GuardedParser implements Parser {
    /** A limit hit at a known place. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Mark mark;

        Refused(Mark mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }
    }

    private final Parser parser;
    private final int maxAliases;
    private final int maxDepth;
    private final Deque<String> open = new ArrayDeque<>();
    private final Set<String> openAnchors = new HashSet<>();
    private int aliases;

    GuardedParser(Parser parser, int maxAliases, int maxDepth) {
        this.parser = parser;
        this.maxAliases = maxAliases;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event event = parser.getEvent();
        if (event instanceof AliasEvent alias) {
            if (++aliases > maxAliases) {
                throw new Refused(event.getStartMark(), "too many aliases: a plan may use at most " + maxAliases
                        + " aliases to anchors, and this is alias number " + aliases + " (this looks like an alias bomb)");
            }
            if (openAnchors.contains(alias.getAnchor())) {
                throw new Refused(event.getStartMark(), "the alias *" + alias.getAnchor()
                        + " refers to a collection that contains it (a recursive structure)");
            }
        } else if (event instanceof CollectionStartEvent start) {
            if (open.size() >= maxDepth) {
                throw new Refused(event.getStartMark(), "the plan nests deeper than " + maxDepth + " levels");
            }
            String anchor = start.getAnchor() == null ? "" : start.getAnchor();
            open.push(anchor);
            if (!anchor.isEmpty()) {
                openAnchors.add(anchor);
            }
        } else if (event instanceof CollectionEndEvent && !open.isEmpty()) {
            String anchor = open.pop();
            if (!anchor.isEmpty() && !open.contains(anchor)) {
                openAnchors.remove(anchor);
            }
        }
        return event;
    }
}
