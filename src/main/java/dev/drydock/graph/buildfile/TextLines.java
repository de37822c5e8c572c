package dev.drydock.graph.buildfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A build file's lines as the parsers number them (1-based, split at {@code \n}, a trailing {@code \r} and a leading
 * byte order mark not part of the text), with where each line's text starts in the content.
 */
final class TextLines {

    private final String content;
    private final int[] starts;
    private final int[] ends;

    private TextLines(String content, int[] starts, int[] ends) {
        this.content = content;
        this.starts = starts;
        this.ends = ends;
    }

    static TextLines of(String content) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        while (true) {
            int newline = content.indexOf('\n', start);
            int end = newline < 0 ? content.length() : newline;
            int textEnd = end > start && content.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(new int[] {start, textEnd});
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        if (content.startsWith("\uFEFF")) {
            lines.get(0)[0] = 1;
        }
        return new TextLines(content, lines.stream().mapToInt(l -> l[0]).toArray(),
                lines.stream().mapToInt(l -> l[1]).toArray());
    }

    int count() {
        return starts.length;
    }

    /** The text of 1-based line {@code line}. */
    String text(int line) {
        return content.substring(starts[line - 1], Math.max(starts[line - 1], ends[line - 1]));
    }

    /** Where the text of 1-based line {@code line} starts in the content. */
    int start(int line) {
        return starts[line - 1];
    }
}
