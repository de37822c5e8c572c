package dev.drydock.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes an answer as json, yaml, table or tsv, after an optional JMESPath {@code --query}, as {@code az} does. */
final class Printer {

    enum Format { json, yaml, table, tsv, none }

    static final int MAX_CELL = 60;

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("  ", "\n")).withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Format format;
    private final String query;

    Printer(Format format, String query) {
        this.format = format;
        this.query = query;
    }

    void print(JsonNode value, PrintWriter out) {
        JsonNode shown = query == null || query.isBlank() ? value : query(value);
        try {
            switch (format) {
                case json -> out.println(Api.JSON.writer(PRETTY).writeValueAsString(shown));
                case yaml -> out.print(YAML.writeValueAsString(shown));
                case table -> table(shown, out);
                case tsv -> rows(shown).forEach(row -> out.println(String.join("\t", row)));
                case none -> { }
            }
        } catch (IOException e) {
            throw new CliException("cannot write the answer: " + e.getMessage());
        }
        out.flush();
    }

    private JsonNode query(JsonNode value) {
        try {
            JmesPath<JsonNode> jmespath = new JacksonRuntime(); // built only when asked: it costs start-up time
            return jmespath.compile(query).search(value);
        } catch (RuntimeException e) {
            throw new CliException("--query: " + e.getMessage(), 2);
        }
    }

    private static void table(JsonNode value, PrintWriter out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isValueNode()) {
            out.println(value.asText());
            return;
        }
        List<String> columns = columns(value);
        List<List<String>> rows = rows(value);
        if (columns.isEmpty()) {
            rows.forEach(row -> out.println(String.join("  ", row)));
            return;
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = header(columns.get(i)).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            header.add(pad(header(columns.get(i)), widths[i]));
            rule.add("-".repeat(widths[i]));
        }
        out.println(String.join("  ", header).stripTrailing());
        out.println(String.join("  ", rule));
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(pad(row.get(i), widths[i]));
            }
            out.println(String.join("  ", cells).stripTrailing());
        }
    }

    /** The scalar fields of the objects shown, in the order they first appear; nested values are left to json. */
    static List<String> columns(JsonNode value) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode item : items(value)) {
            if (item.isObject()) {
                item.fields().forEachRemaining(field -> {
                    if (field.getValue().isValueNode()) {
                        columns.add(field.getKey());
                    }
                });
            }
        }
        return new ArrayList<>(columns);
    }

    static List<List<String>> rows(JsonNode value) {
        List<List<String>> rows = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return rows;
        }
        if (value.isValueNode()) {
            rows.add(List.of(value.asText()));
            return rows;
        }
        List<String> columns = columns(value);
        for (JsonNode item : items(value)) {
            if (item.isArray()) { // a multiselect list such as --query "[].[name,status]": one cell per element
                List<String> row = new ArrayList<>();
                item.forEach(element -> row.add(cell(element)));
                rows.add(row);
                continue;
            }
            if (columns.isEmpty() || !item.isObject()) {
                rows.add(List.of(cell(item)));
                continue;
            }
            List<String> row = new ArrayList<>();
            for (String column : columns) {
                row.add(cell(item.get(column)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Iterable<JsonNode> items(JsonNode value) {
        if (value.isArray()) {
            return value;
        }
        ArrayNode one = Api.JSON.createArrayNode();
        one.add(value);
        return one;
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        text = text.replaceAll("[\\t\\r\\n]+", " ");
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }

    /** {@code outputDigest} → {@code Output Digest}, as az titles its columns. */
    static String header(String field) {
        String spaced = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
