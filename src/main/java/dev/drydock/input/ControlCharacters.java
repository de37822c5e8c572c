package dev.drydock.input;

/**
 * Which characters user input may not hold: the C0 controls and DEL, except tab, line feed and carriage return
 * (build files and inline sources are text with lines).
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** The index of the first forbidden character, or -1. */
    public static int find(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (forbidden(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #find} but tab, line feed and carriage return are forbidden too (names, paths, parameters). */
    public static int findInLine(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    /** How a character is named in a problem: {@code U+0000}, never the character itself. */
    public static String name(char c) {
        return String.format("U+%04X", (int) c);
    }
}
