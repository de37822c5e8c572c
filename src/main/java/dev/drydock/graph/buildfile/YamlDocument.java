package dev.drydock.graph.buildfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read for schema checks: typed getters that report a wrong type as a problem at a
 * path such as {@code layers.entries[0].files[1].dest}, with the line where that node starts.
 */
final class YamlDocument {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String what;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<BuildFileProblem> problems = new ArrayList<>();

    private YamlDocument(String what, JsonNode root, Map<String, Integer> lines) {
        this.what = what;
        this.root = root;
        this.lines = lines;
    }

    /**
     * Reads {@code content}; YAML that does not parse, or is not a mapping, is a syntax error.
     *
     * @param what the document's name for messages, e.g. {@code jib.yaml}
     */
    static YamlDocument parse(String content, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw syntaxError(content, what, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BuildFileSyntaxException(1, what + " is empty");
        }
        if (!root.isObject()) {
            throw new BuildFileSyntaxException(1, what + " must be a mapping of fields, not "
                    + (root.isArray() ? "a list" : "a single value"));
        }
        return new YamlDocument(what, root, lines(content));
    }

    // SnakeYAML knows where the problem is better than Jackson's location, and says it without a code excerpt;
    // what it or Jackson quote (a duplicate key, a token) is taken out.
    private static BuildFileSyntaxException syntaxError(String content, String what, JsonProcessingException e) {
        int line = e.getLocation() != null ? e.getLocation().getLineNr() : 1;
        String reason = e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException marked) {
            line = marked.getProblemMark() != null ? marked.getProblemMark().getLine() + 1 : line;
            reason = (marked.getContext() != null ? marked.getContext() + ": " : "") + marked.getProblem();
        }
        int lastLine = (int) content.lines().count();
        line = Math.max(1, Math.min(line, lastLine));
        String detail = what + " is not valid YAML: " + Excerpts.removed(String.valueOf(reason));
        return new BuildFileSyntaxException(line, detail);
    }

    // Where each node starts: for a mapping entry, the line of its key.
    private static Map<String, Integer> lines(String content) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(content)) {
            parser.nextToken();
            walk(parser, "", lines);
        } catch (IOException e) {
            throw new UncheckedIOException("YAML that parsed once failed to parse again", e);
        }
        return lines;
    }

    private static void walk(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = join(path, parser.currentName());
                lines.put(child, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                walk(parser, child, lines);
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index++ + "]", lines);
            }
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    JsonNode root() {
        return root;
    }

    List<BuildFileProblem> problems() {
        return problems;
    }

    /** Line of the node at {@code path}, or of its nearest parent that exists. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return lines.getOrDefault("", 1);
    }

    void problem(String path, String detail) {
        problems.add(BuildFileProblem.atPath(line(path), path, detail));
    }

    /** Reports fields of the mapping at {@code path} that are not in {@code known}. */
    void onlyKnownFields(JsonNode mapping, String path, Set<String> known) {
        mapping.properties().forEach(entry -> {
            String name = entry.getKey();
            if (!known.contains(name)) {
                problem(join(path, name), "unknown field \"" + name + "\"; "
                        + (path.isEmpty() ? what : path) + " has " + String.join(", ", sorted(known)));
            }
        });
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    /** A field that is absent or null is empty; anything else must be a mapping. */
    Optional<JsonNode> mapping(JsonNode parent, String field, String path) {
        return present(parent, field).filter(node -> expect(node.isObject(), path, "a mapping", node));
    }

    Optional<JsonNode> list(JsonNode parent, String field, String path) {
        return present(parent, field).filter(node -> expect(node.isArray(), path, "a list", node));
    }

    /** A scalar as text: YAML numbers and booleans are read as their text, as Jib CLI does. */
    Optional<String> text(JsonNode parent, String field, String path) {
        return present(parent, field).filter(node -> expect(node.isValueNode(), path, "a string", node))
                .map(JsonNode::asText);
    }

    Optional<List<String>> texts(JsonNode parent, String field, String path) {
        return list(parent, field, path).map(array -> {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (expect(item.isValueNode() && !item.isNull(), path + "[" + i + "]", "a string", item)) {
                    items.add(item.asText());
                }
            }
            return items;
        });
    }

    Optional<Map<String, String>> textMap(JsonNode parent, String field, String path) {
        return mapping(parent, field, path).map(mapping -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
                JsonNode value = entry.getValue();
                if (expect(value.isValueNode() && !value.isNull(), join(path, entry.getKey()), "a string", value)) {
                    map.put(entry.getKey(), value.asText());
                }
            }
            return map;
        });
    }

    private static Optional<JsonNode> present(JsonNode parent, String field) {
        return Optional.ofNullable(parent.get(field)).filter(node -> !node.isNull());
    }

    private boolean expect(boolean ok, String path, String type, JsonNode node) {
        if (!ok) {
            problem(path, "must be " + type + ", not " + describe(node));
        }
        return ok;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "empty" : "\"" + node.asText() + "\"";
    }
}
