package io.cutover.load;

import io.cutover.plan.SourceLocation;
import io.cutover.spi.Problem;
import io.cutover.spi.Problem.Severity;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a plan's YAML into a {@link YamlTree}: safe loading only (SnakeYAML's node tree, never
 * objects), at most {@value #MAX_ALIASES} aliases and {@value #MAX_BYTES} bytes, duplicate keys
 * reported at their second occurrence, YAML 1.1 merge keys applied. Problems are collected, not
 * thrown: a file that cannot be read at all yields no tree and at least one error.
 */
public final class PlanReader {
    /** The most aliases a plan may use (plan-format.md). */
    public static final int MAX_ALIASES = 50;
    /** The largest plan file, 10 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The most nodes an expanded plan may hold: a guard behind the alias limit. */
    static final int MAX_NODES = 2_000_000;
    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The outcome of reading: a tree (null when the file could not be read) and the problems. */
    public record Result(YamlTree tree, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Reads a plan file; {@code shownAs} is how messages name it. */
    public Result read(Path file, String shownAs) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failure(shownAs, 1, 1, "the plan is " + size + " bytes; at most " + MAX_BYTES
                        + " (10 MiB) are read, as a guard against alias bombs");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return failure(shownAs, 1, 1, "no such file");
        } catch (IOException e) {
            return failure(shownAs, 1, 1, "cannot read the file: " + e.getMessage());
        }
        return read(bytes, shownAs);
    }

    /** Reads plan text given as bytes (UTF-8). */
    public Result read(byte[] bytes, String shownAs) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return failure(shownAs, line, offset - lineStart + 1, String.format(
                    "the byte 0x%02X is not UTF-8 text (is this a binary file, or saved in another encoding?)", bytes[offset] & 0xff));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = 1 + (int) text.substring(0, nul).chars().filter(c -> c == '\n').count();
            int column = nul - text.lastIndexOf('\n', nul - 1);
            return failure(shownAs, line, column, "the file holds a NUL character (is it a binary file?)");
        }
        return readText(text, shownAs);
    }

    /** Reads plan text. */
    public Result readText(String text, String shownAs) {
        if (text.length() > MAX_BYTES) {
            return failure(shownAs, 1, 1, "the plan is larger than 10 MiB");
        }
        Node root;
        try (Reader reader = new StringReader(text)) {
            LoaderOptions options = options();
            GuardedParser parser = new GuardedParser(new ParserImpl(new StreamReader(reader), options), MAX_ALIASES, MAX_DEPTH);
            root = new Composer(parser, new PlanResolver(), options).getSingleNode();
        } catch (GuardedParser.Refused e) {
            return failure(shownAs, e.mark, e.getMessage());
        } catch (MarkedYAMLException e) {
            return failure(shownAs, where(e), describe(e));
        } catch (YAMLException e) {
            return failure(shownAs, 1, 1, describe(e));
        } catch (IOException | RuntimeException e) {
            return failure(shownAs, 1, 1, "cannot read YAML: " + e.getMessage());
        }
        if (root == null) {
            return failure(shownAs, 1, 1, "the plan is empty: it needs at least 'cutover: 1', 'name' and 'phases'");
        }
        Converter converter = new Converter(shownAs);
        JsonNode json = converter.convert(root, "", 0);
        if (!converter.problems.isEmpty()) {
            return new Result(json == null ? null : converter.tree(json), converter.problems);
        }
        return new Result(converter.tree(json), List.of());
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // the converter reports duplicates itself, with positions, all of them
        // The guarded parser enforces the alias and depth limits with positions; these are a second line.
        options.setMaxAliasesForCollections(MAX_ALIASES + 1);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setProcessComments(false);
        options.setWrappedToRootException(false);
        return options;
    }

    /** Where a syntax error stands: where the unclosed thing opened, when the file ended before it closed. */
    private static Mark where(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        boolean atEnd = problem.contains("end of stream") || problem.contains("end of the stream") || problem.contains("stream end");
        return atEnd && e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
    }

    private static String describe(YAMLException e) {
        String raw = e instanceof MarkedYAMLException m
                ? (m.getContext() == null ? "" : m.getContext() + ", ") + m.getProblem()
                : e.getMessage();
        if (raw == null) {
            raw = e.getClass().getSimpleName();
        }
        raw = raw.replace('\n', ' ').trim();
        if (raw.contains("aliases for non-scalar nodes") || raw.contains("Number of aliases")) {
            return "too many aliases: a plan may use at most " + MAX_ALIASES
                    + " aliases to anchors (this looks like an alias bomb)";
        }
        if (raw.contains("code points") || raw.contains("exceeds the limit")) {
            return "the plan is larger than 10 MiB";
        }
        if (raw.contains("Nesting Depth")) {
            return "the plan nests deeper than " + MAX_DEPTH + " levels";
        }
        if (raw.contains("found undefined alias")) {
            return raw.replace("found undefined alias", "alias to an undefined anchor:");
        }
        return "YAML syntax: " + raw;
    }

    private static Result failure(String file, Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        return failure(file, line, column, message);
    }

    private static Result failure(String file, int line, int column, String message) {
        Problem problem = new Problem(Severity.ERROR, new SourceLocation(file, line, column), "", message);
        return new Result(null, List.of(problem));
    }

    /** Turns the node tree into JSON, recording positions, applying merges and counting aliases. */
    private static final class Converter {
        private final String file;
        private final Map<String, SourceLocation> values = new HashMap<>();
        private final Map<String, SourceLocation> keys = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Set<Node> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private int aliases;
        private int nodes;
        private boolean stopped;

        Converter(String file) {
            this.file = file;
        }

        YamlTree tree(JsonNode root) {
            return new YamlTree(file, root, values, keys);
        }

        private SourceLocation at(Node node) {
            Mark mark = node.getStartMark();
            return mark == null ? SourceLocation.start(file)
                    : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        }

        private void error(Node node, String pointer, String message) {
            problems.add(new Problem(Severity.ERROR, at(node), YamlTree.readable(pointer), message));
        }

        JsonNode convert(Node node, String pointer, int depth) {
            if (stopped) {
                return null;
            }
            if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
                stopped = true;
                error(node, pointer, "the plan expands to too many values (an alias bomb?)");
                return null;
            }
            if (open.contains(node)) {
                stopped = true;
                error(node, pointer, "an alias refers to its own anchor (a recursive structure)");
                return null;
            }
            values.putIfAbsent(pointer, at(node));
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, pointer);
            }
            Tag expected = node instanceof SequenceNode ? Tag.SEQ : Tag.MAP;
            if (!expected.equals(node.getTag())) {
                error(node, pointer, "the YAML tag " + node.getTag() + " is not allowed in a plan (safe loading: plain values only)");
                return NODES.nullNode();
            }
            open.add(node);
            try {
                if (node instanceof SequenceNode sequence) {
                    ArrayNode array = NODES.arrayNode();
                    int i = 0;
                    for (Node item : sequence.getValue()) {
                        array.add(child(item, YamlTree.child(pointer, i++), depth));
                    }
                    return array;
                }
                return mapping((MappingNode) node, pointer, depth);
            } finally {
                open.remove(node);
            }
        }

        private JsonNode child(Node item, String pointer, int depth) {
            if (isAliasUse(item)) {
                aliases++;
                if (aliases > MAX_ALIASES) {
                    if (!stopped) {
                        error(item, pointer, "too many aliases: a plan may use at most " + MAX_ALIASES
                                + " aliases to anchors (this looks like an alias bomb)");
                    }
                    stopped = true;
                    return NODES.nullNode();
                }
            }
            JsonNode value = convert(item, pointer, depth + 1);
            return value == null ? NODES.nullNode() : value;
        }

        /** A node met again is an alias: SnakeYAML gives the anchor's node object back for it. */
        private boolean isAliasUse(Node node) {
            if (node.getAnchor() == null) {
                return false;
            }
            return !firstVisit.add(node);
        }

        private final Set<Node> firstVisit = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        private JsonNode scalar(ScalarNode scalar, String pointer) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.NULL.equals(tag)) {
                    return NODES.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        error(scalar, pointer, "'" + text + "' is not a boolean in a plan: write true or false");
                        return NODES.nullNode();
                    }
                    return NODES.booleanNode(text.equalsIgnoreCase("true"));
                }
                if (Tag.INT.equals(tag)) {
                    BigInteger big = text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
                    return big.bitLength() < 32 ? NODES.numberNode(big.intValue())
                            : big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
                }
                if (Tag.FLOAT.equals(tag)) {
                    if (text.toLowerCase().contains("inf") || text.toLowerCase().contains("nan")) {
                        error(scalar, pointer, "'" + text + "' is not a usable number");
                        return NODES.nullNode();
                    }
                    return NODES.numberNode(new BigDecimal(text));
                }
                if (Tag.STR.equals(tag)) {
                    return NODES.stringNode(text);
                }
            } catch (NumberFormatException e) {
                error(scalar, pointer, "'" + text + "' is not a number");
                return NODES.nullNode();
            }
            error(scalar, pointer, "the YAML tag " + tag + " is not allowed in a plan (safe loading: plain values only)");
            return NODES.nullNode();
        }

        private JsonNode mapping(MappingNode node, String pointer, int depth) {
            ObjectNode object = NODES.objectNode();
            Map<String, Node> explicitKeys = new HashMap<>();
            Map<String, JsonNode> merged = new LinkedHashMap<>();
            List<NodeTuple> mergeSources = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode k && Tag.MERGE.equals(k.getTag())) {
                    if (!mergeSources.isEmpty()) {
                        error(keyNode, pointer, "the merge key '<<' is given twice in one mapping (first at line "
                                + at(mergeSources.get(0).getKeyNode()).line() + "); merge several with <<: [*a, *b]");
                        continue;
                    }
                    mergeSources.add(tuple);
                    continue;
                }
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    error(keyNode, pointer, "a key must be plain text, not a list or a mapping");
                    continue;
                }
                String key = keyScalar.getValue();
                String childPointer = YamlTree.child(pointer, key);
                Node first = explicitKeys.putIfAbsent(key, keyNode);
                if (first != null) {
                    error(keyNode, pointer, "the key '" + key + "' is given twice in one mapping (first at line "
                            + at(first).line() + ")");
                    continue;
                }
                keys.putIfAbsent(childPointer, at(keyNode));
                object.set(key, child(tuple.getValueNode(), childPointer, depth));
            }
            // Explicit keys first, so that their positions win over the merged ones.
            for (NodeTuple source : mergeSources) {
                merge(source.getKeyNode(), source.getValueNode(), pointer, depth, merged);
            }
            for (Map.Entry<String, JsonNode> entry : merged.entrySet()) {
                if (!object.has(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue());
                }
            }
            return object;
        }

        /** {@code <<: *a} or {@code <<: [*a, *b]}: earlier sources win, explicit keys win over all. */
        private void merge(Node mergeKey, Node source, String pointer, int depth, Map<String, JsonNode> into) {
            List<Node> sources = new ArrayList<>();
            if (source instanceof SequenceNode seq) {
                sources.addAll(seq.getValue());
            } else {
                sources.add(source);
            }
            for (Node one : sources) {
                if (!(one instanceof MappingNode)) {
                    // An alias is the anchor's node, marked where the anchor stands: point after '<<: ' instead.
                    SourceLocation place = at(one);
                    if (one.getAnchor() != null && mergeKey.getEndMark() != null) {
                        place = new SourceLocation(file, mergeKey.getEndMark().getLine() + 1, mergeKey.getEndMark().getColumn() + 3);
                    }
                    problems.add(new Problem(Severity.ERROR, place, YamlTree.readable(pointer), "a merge key '<<' takes a mapping or a list of mappings"));
                    continue;
                }
                JsonNode value = child(one, pointer, depth);
                if (value instanceof ObjectNode obj) {
                    for (Map.Entry<String, JsonNode> e : obj.properties()) {
                        into.putIfAbsent(e.getKey(), e.getValue());
                        String childPointer = YamlTree.child(pointer, e.getKey());
                        keys.putIfAbsent(childPointer, at(one));
                    }
                }
            }
        }
    }
}
