package dev.drydock.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text                     | plain text",
        "a\\nb                          | a\\\\nb",
        "a\\rb\\tc                      | a\\\\rb\\\\tc",
        "esc \\u001b[31m                | esc \\\\u001b[31m",
        "nul \\u0000 del \\u007f         | nul \\\\u0000 del \\\\u007f",
        "ls \\u2028 ps \\u2029 nel \\u0085 | ls \\\\u2028 ps \\\\u2029 nel \\\\u0085",
        "rtl \\u202e override           | rtl \\\\u202e override",
        "C:\\\\dir \"quoted\" ünïcödé   | C:\\\\dir \"quoted\" ünïcödé",
    })
    void shouldEscapeWhatCouldBreakOrForgeALine(String raw, String escaped) {
        assertThat(LogText.escape(unescape(raw))).isEqualTo(unescape(escaped));
    }

    @Test
    void shouldEscapeEveryMessageOfAThrowableAndKeepItsStackTrace() {
        IllegalStateException cause = new IllegalStateException("inner\nforged line");
        RuntimeException outer = new RuntimeException("outer\r\nforged", cause);

        Throwable escaped = LogText.escape(outer);

        StringWriter printed = new StringWriter();
        escaped.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("java.lang.RuntimeException: outer\\r\\nforged")
                .contains("Caused by: java.lang.IllegalStateException: inner\\nforged line")
                .contains("LogTextTest.shouldEscapeEveryMessageOfAThrowableAndKeepItsStackTrace")
                .doesNotContain("outer\r").doesNotContain("inner\n");
        assertThat(escaped.getStackTrace()).isEqualTo(outer.getStackTrace());
    }

    // The table spells control characters as Java escapes: \n, \r, \t, \\uXXXX and \\ for a backslash.
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
