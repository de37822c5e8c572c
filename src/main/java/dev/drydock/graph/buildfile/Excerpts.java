package dev.drydock.graph.buildfile;

import java.util.regex.Pattern;

/**
 * Syntax errors name the file, the line and the instruction, never the line's text: the "build file" may be
 * something else read by mistake (a link to {@code /proc/self/environ} is one line holding secrets). Messages
 * from libraries (SnakeYAML, the image reference parser) quote what they saw; this takes the quotes out.
 */
final class Excerpts {

    // A quoted excerpt of two or more characters; a single quoted character ('\t', '@') tells what is wrong.
    private static final Pattern QUOTED = Pattern.compile("\\s*(\"[^\"]{2,}\"|'[^']{2,}'|\"\"|'')");

    private Excerpts() {
    }

    static String removed(String message) {
        return QUOTED.matcher(message).replaceAll("").replaceAll("\\s+", " ").strip();
    }
}
