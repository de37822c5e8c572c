package dev.drydock.logging;

/**
 * Makes a value safe to put into a log line: line breaks and other control characters become visible
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so a value from a repository, a build file, a
 * registry or a request cannot start a forged line or move the cursor of a terminal. The one escaping
 * function for run logs and for service log statements that include such values.
 */
public final class LogText {

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The throwable with every message in its chain escaped and its stack trace kept, for
     * {@code LOG.warnf(LogText.escape(e), ...)}.
     */
    public static Throwable escape(Throwable thrown) {
        return thrown == null ? null : new Escaped(thrown, 0);
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085'
                    || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                    ? String.format("\\u%04x", (int) c)
                    : null;
        };
    }

    /** A copy of a throwable for logging: same class name in the message, same stack trace, escaped text. */
    private static final class Escaped extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private static final int MAX_CAUSES = 16;

        Escaped(Throwable original, int depth) {
            super(escape(original.toString()), original.getCause() == null || depth >= MAX_CAUSES
                    ? null : new Escaped(original.getCause(), depth + 1), false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
