package dev.drydock.graph.buildfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shapes that Dockerfile instruction arguments come in, split the way BuildKit splits them. */
final class Arguments {

    /** A {@code name=value} pair (or legacy {@code name value}), both still raw. */
    record NameValue(String name, Optional<String> value) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHITESPACE = Pattern.compile("[ \t\u000B\f\r]+");

    private Arguments() {
    }

    /** Splits on whitespace only; quotes are left for word processing. */
    static List<String> whitespaceSeparated(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
    }

    /**
     * The exec form: a JSON array of strings. Empty when {@code text} is not JSON (the shell form); a
     * JSON array holding anything but strings is an error, as in BuildKit.
     */
    static Optional<List<String>> jsonArray(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InstructionException("only a JSON array of strings is allowed here");
            }
            items.add(item.textValue());
        }
        return Optional.of(items);
    }

    /**
     * Words separated by unquoted whitespace, keeping quotes and escapes for later word processing
     * (BuildKit's {@code parseWords}).
     */
    static List<String> rawWords(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                // Inside double quotes the escape character keeps the next one; single quotes keep everything.
                if (c == escape && quote != '\'' && i + 1 < text.length()) {
                    word.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (c == escape) {
                if (i + 1 < text.length()) {
                    word.append(c).append(text.charAt(++i));
                }
            } else {
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * ENV and LABEL arguments: {@code a=1 b="two words"}, or the legacy {@code name value with spaces}
     * (chosen when the first word has no {@code =}).
     */
    static List<NameValue> nameValues(String keyword, String text, char escape) {
        List<String> words = rawWords(text, escape);
        if (words.isEmpty()) {
            throw new InstructionException(keyword + " needs a name and a value, e.g. " + keyword + " name=value");
        }
        if (!words.get(0).contains("=")) {
            String[] parts = WHITESPACE.split(text.strip(), 2);
            if (parts.length < 2) {
                throw new InstructionException(keyword + " needs a name and a value, e.g. " + keyword
                        + " name=value");
            }
            return List.of(new NameValue(parts[0], Optional.of(parts[1])));
        }
        List<NameValue> pairs = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new InstructionException("a word without = among name=value pairs: " + keyword
                        + " takes name=value pairs");
            }
            pairs.add(new NameValue(word.substring(0, eq), Optional.of(word.substring(eq + 1))));
        }
        return pairs;
    }

    /** ARG arguments: {@code NAME} or {@code NAME=default}, one or more. */
    static List<NameValue> argDeclarations(String text, char escape) {
        List<String> words = rawWords(text, escape);
        if (words.isEmpty()) {
            throw new InstructionException("ARG needs a name, e.g. ARG VERSION or ARG VERSION=1.0");
        }
        List<NameValue> declarations = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.isEmpty()) {
                throw new InstructionException("ARG names can not be blank");
            }
            declarations.add(new NameValue(name, eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1))));
        }
        return declarations;
    }
}
