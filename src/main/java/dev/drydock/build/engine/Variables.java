package dev.drydock.build.engine;

import java.util.Map;

/**
 * Expands the variables a recipe kept as written because only the base image knows them, e.g. the
 * {@code $PATH} of {@code ENV PATH=$PATH:/app/bin}: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}},
 * {@code ${NAME-word}}, {@code ${NAME:+word}} and {@code ${NAME+word}}, as docker does. An unset variable is
 * empty; a {@code $} not followed by a name stays.
 */
final class Variables {

    private Variables() {
    }

    static String expand(String text, Map<String, String> values) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                out.append(braced(text.substring(i + 2, close), values));
                i = close + 1;
            } else {
                int end = nameEnd(text, i + 1);
                if (end == i + 1) {
                    out.append(c);
                    i++;
                } else {
                    out.append(values.getOrDefault(text.substring(i + 1, end), ""));
                    i = end;
                }
            }
        }
        return out.toString();
    }

    private static String braced(String expression, Map<String, String> values) {
        int end = nameEnd(expression, 0);
        String name = expression.substring(0, end);
        String rest = expression.substring(end);
        String value = values.get(name);
        boolean empty = value == null || value.isEmpty();
        if (rest.startsWith(":-")) {
            return empty ? expand(rest.substring(2), values) : value;
        }
        if (rest.startsWith("-")) {
            return value == null ? expand(rest.substring(1), values) : value;
        }
        if (rest.startsWith(":+")) {
            return empty ? "" : expand(rest.substring(2), values);
        }
        if (rest.startsWith("+")) {
            return value == null ? "" : expand(rest.substring(1), values);
        }
        return value == null ? "" : value;
    }

    private static int nameEnd(String text, int start) {
        int i = start;
        if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
        }
        return i;
    }
}
