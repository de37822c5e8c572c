package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.Instruction.Flag;
import dev.drydock.graph.buildfile.Instruction.Heredoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile text into instructions the way BuildKit's parser does: parser directives at the top
 * ({@code # syntax=}, {@code # escape=}, {@code # check=}), comments, line continuations with the escape
 * character, heredoc bodies, and the leading {@code --flags} of each instruction. Variables are not
 * substituted here.
 */
final class DockerfileParser {

    /** A parsed Dockerfile: the escape character in effect and its instructions. */
    record Dockerfile(char escape, Optional<String> syntax, List<Instruction> instructions) {}

    static final char DEFAULT_ESCAPE = '\\';

    static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR");

    // BuildKit rejects flags an instruction does not know. RUN's are not checked: they are many, they keep
    // growing, and RUN is never built by Jib anyway.
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "COPY", Set.of("from", "chown", "chmod", "link", "parents", "exclude"),
            "ADD", Set.of("chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"),
            "HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries"));
    private static final Set<String> BOOLEAN_FLAGS = Set.of("link", "parents", "keep-git-dir", "unpack");
    private static final Set<String> REPEATABLE_FLAGS = Set.of("exclude");

    // No pattern that backtracks over a line: the value is stripped by hand ("(.+?)\\s*" is quadratic in blanks).
    private static final Pattern DIRECTIVE = Pattern.compile("#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=(.*)");
    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern HEREDOC = Pattern.compile("(\\d*)<<(-?)([^<]*)");
    private static final Pattern KEYWORD_AND_REST = Pattern.compile("(\\S+)(?:[ \t\u000B\f\r]+(.*))?", Pattern.DOTALL);

    private final String[] lines;
    private final Map<String, String> directives = new HashMap<>();
    private boolean directivesDone;
    private char escape = DEFAULT_ESCAPE;
    private int next;

    private DockerfileParser(String content) {
        this.lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        if (lines[0].startsWith("\uFEFF")) {
            lines[0] = lines[0].substring(1);
        }
    }

    static Dockerfile parse(String content) {
        return new DockerfileParser(content).parse();
    }

    private Dockerfile parse() {
        List<Instruction> instructions = new ArrayList<>();
        while (next < lines.length) {
            int start = next + 1;
            String line = lines[next++].stripLeading();
            directive(line, start);
            if (line.startsWith("#")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            List<Integer> sourceLines = new ArrayList<>(List.of(start));
            boolean continued = appendContinued(logical, line);
            if (!continued && logical.toString().isBlank()) {
                continue;
            }
            while (continued && next < lines.length) {
                String more = lines[next++];
                // Comments and empty lines inside a continued instruction are dropped.
                if (more.stripLeading().startsWith("#") || more.isBlank()) {
                    continue;
                }
                sourceLines.add(next);
                continued = appendContinued(logical, more);
            }
            if (logical.toString().isBlank()) {
                continue;
            }
            try {
                instructions.add(instruction(start, logical.toString(), sourceLines));
            } catch (InstructionException e) {
                throw e.at(start);
            }
        }
        return new Dockerfile(escape, Optional.ofNullable(directives.get("syntax")), instructions);
    }

    // Directives are read only before the first comment, blank line or instruction.
    private void directive(String line, int lineNumber) {
        if (directivesDone) {
            return;
        }
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches() || !DIRECTIVES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            directivesDone = true;
            return;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2).strip();
        if (value.isEmpty()) {
            directivesDone = true;
            return;
        }
        if (directives.putIfAbsent(name, value) != null) {
            throw new BuildFileSyntaxException(lineNumber, "only one " + name + " parser directive can be used");
        }
        if (name.equals("escape")) {
            if (!value.equals("\\") && !value.equals("`")) {
                throw new BuildFileSyntaxException(lineNumber, "invalid escape character: use \\ or `");
            }
            escape = value.charAt(0);
        }
    }

    // Appends the line without a trailing escape character; true when the instruction continues.
    private boolean appendContinued(StringBuilder logical, String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        String stripped = line.substring(0, end);
        if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
            logical.append(stripped, 0, stripped.length() - 1);
            return true;
        }
        logical.append(line);
        return false;
    }

    private Instruction instruction(int start, String logical, List<Integer> sourceLines) {
        Matcher m = KEYWORD_AND_REST.matcher(logical.strip());
        m.matches();
        String keyword = m.group(1).toUpperCase(Locale.ROOT);
        if (!INSTRUCTIONS.contains(keyword)) {
            // The word is not repeated: the file may not be a Dockerfile at all.
            throw new InstructionException("unknown instruction" + suggestion(keyword));
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        List<String> rawFlags = new ArrayList<>();
        String arguments = extractFlags(rest, rawFlags).strip();
        List<Flag> flags = flags(keyword, rawFlags);
        List<Heredoc> heredocs = List.of();
        if (HEREDOC_INSTRUCTIONS.contains(keyword) && logical.contains("<<")) {
            heredocs = readHeredocs(start, logical);
        }
        return new Instruction(start, keyword, flags, arguments, heredocs, next, sourceLines);
    }

    private static String suggestion(String keyword) {
        return INSTRUCTIONS.stream()
                .filter(known -> distance(known, keyword) <= 2)
                .findFirst()
                .map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // BuildKit's extractBuilderFlags: leading words that start with "--", quotes removed, '\' escaping.
    private static String extractFlags(String rest, List<String> flags) {
        int pos = 0;
        while (true) {
            while (pos < rest.length() && Character.isWhitespace(rest.charAt(pos))) {
                pos++;
            }
            if (!rest.startsWith("--", pos)) {
                return rest.substring(pos);
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; pos < rest.length(); pos++) {
                char c = rest.charAt(pos);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && pos + 1 < rest.length()) {
                    word.append(rest.charAt(++pos));
                } else if (c != '\\') {
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new InstructionException("unterminated quote in a flag");
            }
            if (word.toString().equals("--")) {
                return rest.substring(pos);
            }
            flags.add(word.toString());
        }
    }

    private static List<Flag> flags(String keyword, List<String> rawFlags) {
        List<Flag> flags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> allowed = FLAGS.getOrDefault(keyword, Set.of());
        for (String raw : rawFlags) {
            String body = raw.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? null : body.substring(eq + 1);
            if (keyword.equals("RUN")) {
                flags.add(new Flag(name, value == null ? "true" : value));
                continue;
            }
            if (!allowed.contains(name)) {
                throw new InstructionException("unknown flag for " + keyword + (allowed.isEmpty()
                        ? ", which takes no flags"
                        : ", which takes --" + String.join(", --", new TreeSet<>(allowed))));
            }
            if (!seen.add(name) && !REPEATABLE_FLAGS.contains(name)) {
                throw new InstructionException("flag --" + name + " is given twice");
            }
            if (BOOLEAN_FLAGS.contains(name)) {
                if (value != null && !value.equals("true") && !value.equals("false")) {
                    throw new InstructionException("flag --" + name + " takes true or false");
                }
                flags.add(new Flag(name, value == null ? "true" : value));
            } else if (value == null) {
                throw new InstructionException("flag --" + name + " needs a value: --" + name + "=<value>");
            } else {
                flags.add(new Flag(name, value));
            }
        }
        return flags;
    }

    private List<Heredoc> readHeredocs(int start, String logical) {
        List<Heredoc> heredocs = new ArrayList<>();
        for (String word : Arguments.rawWords(logical, '\\')) {
            Matcher m = HEREDOC.matcher(word);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            String quotedName = m.group(3);
            String name = new ShellWords('\\').word(quotedName, v -> null, ShellWords.Unset.EMPTY).value();
            if (name.isEmpty()) {
                continue;
            }
            boolean chomp = !m.group(2).isEmpty();
            boolean expand = quotedName.indexOf('"') < 0 && quotedName.indexOf('\'') < 0;
            heredocs.add(new Heredoc(name, chomp, expand, body(start, name, chomp)));
        }
        return heredocs;
    }

    private String body(int start, String name, boolean chomp) {
        StringBuilder content = new StringBuilder();
        while (next < lines.length) {
            String line = lines[next++];
            String candidate = chomp ? line.replaceFirst("^\t+", "") : line;
            if (candidate.equals(name)) {
                return content.toString();
            }
            content.append(line).append('\n');
        }
        throw new BuildFileSyntaxException(start,
                "unterminated heredoc: no line ends the heredoc that starts here");
    }
}
