package dev.drydock.graph.buildfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jib CLI's build-file templates, filled the way {@code jib build --parameter NAME=VALUE} fills them (Apache
 * Commons Text's {@code StringSubstitutor} over the raw text, before the YAML is read): {@code ${NAME}}, {@code
 * ${NAME:-default}} and {@code $${} for a literal {@code ${}. drydock's parameters are the task's args. A value is
 * put in as it is, not expanded again. A template without a value and without a default stays as written and is
 * reported, as Jib CLI refuses such a file.
 */
final class JibTemplates {

    private static final String DEFAULT_SEPARATOR = ":-";

    /** A template that had no value, at its 1-based line. */
    record Missing(int line, String name) {}

    record Filled(String content, List<Missing> missing) {}

    private JibTemplates() {
    }

    static Filled fill(String content, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(content.length());
        List<Missing> missing = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (content.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            int close = content.startsWith("${", i) ? content.indexOf('}', i + 2) : -1;
            if (close < 0) {
                if (c == '\n') {
                    line++;
                }
                out.append(c);
                i++;
                continue;
            }
            String template = content.substring(i + 2, close);
            int separator = template.indexOf(DEFAULT_SEPARATOR);
            String name = separator < 0 ? template : template.substring(0, separator);
            String value = parameters.get(name);
            if (value == null && separator >= 0) {
                value = template.substring(separator + DEFAULT_SEPARATOR.length());
            }
            if (value == null) {
                missing.add(new Missing(line, name));
                value = content.substring(i, close + 1);
            }
            line += (int) template.chars().filter(ch -> ch == '\n').count();
            out.append(value);
            i = close + 1;
        }
        return new Filled(out.toString(), List.copyOf(missing));
    }
}
