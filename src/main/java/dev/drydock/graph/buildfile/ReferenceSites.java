package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.Arguments.NameValue;
import dev.drydock.graph.buildfile.DockerfileParser.Dockerfile;
import dev.drydock.graph.buildfile.ReferenceSite.Span;
import dev.drydock.image.ImageReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a build file writes the images it pulls, so that a reference can be replaced and every other byte kept: each
 * Dockerfile FROM and {@code COPY --from=<image>}, and a jib.yaml's {@code from.image}. The file is read by the same
 * parser and analysis as everywhere ({@link BuildFileAnalyzer}); this only finds the characters of each reference.
 *
 * <ul>
 * <li>A reference written as it is ({@code FROM nginx:1.27}, also quoted) is its own span.</li>
 * <li>A reference that is one build argument ({@code FROM ${BASE}}) is found at the default of the ARG that gives it
 * its value ({@code ARG BASE=nginx:1.27}): the last global ARG for a FROM, the stage's ARG (else the global one) for a
 * COPY.</li>
 * <li>Anything else resolves to an image but has no one place to rewrite — built from several parts, set by the
 * task's args or by ENV, split across lines, quoted with escapes — and comes with the reason.</li>
 * </ul>
 * Earlier stages, {@code scratch} and references that do not resolve (ARGs without a value) are not images and are
 * not listed; neither are the images of {@code RUN --mount=from=}.
 */
public final class ReferenceSites {

    private static final Pattern ONE_ARGUMENT = Pattern.compile("\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)\\})");

    private record Token(String text, int start) {}

    private final Dockerfile file;
    private final TextLines lines;
    private final Map<String, String> args;

    private ReferenceSites(Dockerfile file, TextLines lines, Map<String, String> args) {
        this.file = file;
        this.lines = lines;
        this.args = args;
    }

    /**
     * The sites of every image {@code content} pulls, in line order, as analysed with the task's {@code args}.
     *
     * @throws BuildFileSyntaxException when the file does not parse, as {@link BuildFileAnalyzer} would say
     */
    public static List<ReferenceSite> find(BuildFileKind kind, String content, Map<String, String> args) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(args, "args");
        if (content.length() > BuildFileAnalyzer.MAX_CONTENT_CHARS) {
            throw new BuildFileSyntaxException(1, "the build file is longer than " + BuildFileAnalyzer.MAX_CONTENT_CHARS
                    + " characters");
        }
        return switch (kind) {
            case DOCKERFILE -> new ReferenceSites(DockerfileParser.parse(content), TextLines.of(content), args)
                    .dockerfile(DockerfileAnalyzer.analyze(content, args, BuildFileAnalyzer.DEFAULT_PLATFORM));
            case JIB_YAML -> jibYaml(content, args);
        };
    }

    private List<ReferenceSite> dockerfile(BuildFileAnalysis analysis) {
        List<ReferenceSite> sites = new ArrayList<>();
        for (Stage stage : analysis.stages()) {
            if (stage.base() instanceof StageBase.Image image) {
                sites.add(from(instructionAt(stage.line()), stage.from(), image.reference()));
            }
        }
        for (Dependency dependency : analysis.dependencies()) {
            if (dependency.via() == Dependency.Via.COPY_FROM) {
                sites.add(copyFrom(instructionAt(dependency.line()), dependency.reference()));
            }
        }
        sites.sort(Comparator.comparingInt(ReferenceSite::line));
        return sites;
    }

    private ReferenceSite from(Instruction from, String written, ImageReference reference) {
        List<Token> tokens = tokens(from);
        int i = 1;
        while (i < tokens.size() && tokens.get(i).text().startsWith("--")) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).text().equals(written)) {
            return ReferenceSite.unrewritable(from.line(), Dependency.Via.FROM, reference,
                    "FROM " + written + " is written across lines or after flags drydock does not place");
        }
        return written(from, Dependency.Via.FROM, written, tokens.get(i), reference);
    }

    private ReferenceSite copyFrom(Instruction copy, ImageReference reference) {
        String written = copy.flag("from").orElse("");
        List<Token> tokens = tokens(copy);
        for (Token token : tokens.subList(1, tokens.size())) {
            if (!token.text().startsWith("--")) {
                break;
            }
            if (token.text().equals("--from=" + written)) {
                return written(copy, Dependency.Via.COPY_FROM, written,
                        new Token(written, token.start() + "--from=".length()), reference);
            }
        }
        return ReferenceSite.unrewritable(copy.line(), Dependency.Via.COPY_FROM, reference,
                "COPY --from=" + written + " is quoted or written across lines");
    }

    /** The site of a reference written as {@code token}: the token itself, or the default of its one ARG. */
    private ReferenceSite written(Instruction at, Dependency.Via via, String written, Token token,
            ImageReference reference) {
        if (written.indexOf('$') < 0) {
            return literal(token, at.line()).map(span -> ReferenceSite.at(at.line(), via, reference, span))
                    .orElseGet(() -> ReferenceSite.unrewritable(at.line(), via, reference,
                            written + " is quoted with escapes drydock does not rewrite"));
        }
        Matcher one = ONE_ARGUMENT.matcher(written);
        if (!one.matches()) {
            return ReferenceSite.unrewritable(at.line(), via, reference, written + " is built from several parts; "
                    + "only a reference written whole, or one ARG whose default is written whole, is rewritten");
        }
        String name = one.group(1) != null ? one.group(1) : one.group(2);
        if (args.containsKey(name)) {
            return ReferenceSite.unrewritable(at.line(), via, reference, "the task's args set " + name
                    + "; change it there");
        }
        if (via == Dependency.Via.COPY_FROM && setByEnv(name, at.line())) {
            return ReferenceSite.unrewritable(at.line(), via, reference, name + " is set by ENV");
        }
        Optional<Instruction> declaration = via == Dependency.Via.FROM ? globalDefault(name)
                : stageDefault(name, at.line()).or(() -> globalDefault(name));
        if (declaration.isEmpty()) {
            return ReferenceSite.unrewritable(at.line(), via, reference, "no ARG " + name + " has a default to rewrite");
        }
        return argumentDefault(declaration.get(), name)
                .map(span -> ReferenceSite.at(at.line(), via, reference, span))
                .orElseGet(() -> ReferenceSite.unrewritable(at.line(), via, reference, "the default of ARG " + name
                        + " (line " + declaration.get().line() + ") is not written whole: it is built from other "
                        + "arguments, quoted with escapes or not on its own"));
    }

    /** The last ARG before the first FROM that gives {@code name} a default. */
    private Optional<Instruction> globalDefault(String name) {
        Instruction found = null;
        for (Instruction instruction : file.instructions()) {
            if (!instruction.keyword().equals("ARG")) {
                break;
            }
            if (defaultOf(instruction, name).isPresent()) {
                found = instruction;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The ARG of the stage holding line {@code line}, before it, that declares {@code name}, if the last one has a
     * default; empty when the stage does not declare it or its last declaration takes the global value.
     */
    private Optional<Instruction> stageDefault(String name, int line) {
        Instruction last = null;
        boolean inStage = false;
        for (Instruction instruction : file.instructions()) {
            if (instruction.line() >= line) {
                break;
            }
            if (instruction.keyword().equals("FROM")) {
                inStage = true;
                last = null;
            } else if (inStage && instruction.keyword().equals("ARG") && declares(instruction, name)) {
                last = instruction;
            }
        }
        return Optional.ofNullable(last).filter(arg -> defaultOf(arg, name).isPresent());
    }

    private boolean setByEnv(String name, int line) {
        for (Instruction instruction : file.instructions()) {
            if (instruction.line() >= line) {
                break;
            }
            if (instruction.keyword().equals("ENV") && envNames(instruction).contains(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean declares(Instruction arg, String name) {
        return declarations(arg).stream().anyMatch(d -> d.name().equals(name));
    }

    private Optional<String> defaultOf(Instruction arg, String name) {
        return declarations(arg).stream()
                .filter(d -> d.name().equals(name))
                .reduce((a, b) -> b)
                .flatMap(NameValue::value);
    }

    // The analysis has read these instructions already; a failure here is the one it would have reported.
    private List<NameValue> declarations(Instruction arg) {
        try {
            return Arguments.argDeclarations(arg.arguments(), file.escape());
        } catch (InstructionException e) {
            throw e.at(arg.line());
        }
    }

    private List<String> envNames(Instruction env) {
        try {
            return Arguments.nameValues("ENV", env.arguments(), file.escape()).stream().map(NameValue::name).toList();
        } catch (InstructionException e) {
            throw e.at(env.line());
        }
    }

    /** The span of {@code name}'s default in the ARG, when it is written whole. */
    private Optional<Span> argumentDefault(Instruction arg, String name) {
        String value = defaultOf(arg, name).orElseThrow();
        if (value.indexOf('$') >= 0) {
            return Optional.empty();
        }
        Token found = null;
        for (Token token : tokens(arg)) {
            if (token.text().equals(name + "=" + value)) {
                found = token;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        Token valueToken = new Token(value, found.start() + name.length() + 1);
        return literal(valueToken, arg.line())
                .map(span -> new Span(span.start(), span.end(), span.line(), Optional.of(name)));
    }

    /** The token's span, inside its quotes when it is quoted; empty when escapes or quotes are inside. */
    private Optional<Span> literal(Token token, int line) {
        String text = token.text();
        int start = token.start();
        int end = start + text.length();
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            text = text.substring(1, text.length() - 1);
            start++;
            end--;
        }
        if (text.isEmpty() || text.chars().anyMatch(c -> c == '"' || c == '\'' || c == '$' || c == file.escape())) {
            return Optional.empty();
        }
        return Optional.of(new Span(start, end, lineOf(start, line), Optional.empty()));
    }

    // The line a token of a continued instruction is on.
    private int lineOf(int offset, int first) {
        int line = first;
        while (line < lines.count() && lines.start(line + 1) <= offset) {
            line++;
        }
        return line;
    }

    /**
     * The words of the instruction's own lines with where each starts, the lines joined as the parser joins them: a
     * trailing escape character ends a line's words.
     */
    private List<Token> tokens(Instruction instruction) {
        List<Token> tokens = new ArrayList<>();
        for (int n : instruction.sourceLines()) {
            String text = lines.text(n);
            int end = text.length();
            int trimmed = end;
            while (trimmed > 0 && (text.charAt(trimmed - 1) == ' ' || text.charAt(trimmed - 1) == '\t')) {
                trimmed--;
            }
            if (trimmed > 0 && text.charAt(trimmed - 1) == file.escape()) {
                end = trimmed - 1;
            }
            int i = 0;
            while (i < end) {
                while (i < end && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < end && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    tokens.add(new Token(text.substring(start, i), lines.start(n) + start));
                }
            }
        }
        return tokens;
    }

    private Instruction instructionAt(int line) {
        return file.instructions().stream().filter(i -> i.line() == line).findFirst()
                .orElseThrow(() -> new IllegalStateException("no instruction starts on line " + line));
    }

    /** A jib.yaml's {@code from.image}, when its value is on its key's line once and uses no template. */
    private static List<ReferenceSite> jibYaml(String content, Map<String, String> args) {
        BuildFileAnalysis analysis = JibYamlAnalyzer.analyze(content, args, BuildFileAnalyzer.DEFAULT_PLATFORM);
        Stage stage = analysis.stages().get(0);
        if (!(stage.base() instanceof StageBase.Image image)) {
            return List.of();
        }
        TextLines lines = TextLines.of(content);
        String text = stage.line() <= lines.count() ? lines.text(stage.line()) : "";
        String written = stage.from().startsWith(JibYamlAnalyzer.REGISTRY_PREFIX)
                ? stage.from().substring(JibYamlAnalyzer.REGISTRY_PREFIX.length()) : stage.from();
        int at = text.indexOf(written);
        if (text.contains("${") || at < 0 || text.indexOf(written, at + 1) >= 0) {
            return List.of(ReferenceSite.unrewritable(stage.line(), Dependency.Via.FROM, image.reference(),
                    "from.image " + written + " uses a template or is not written once on its own line"));
        }
        int start = lines.start(stage.line()) + at;
        return List.of(ReferenceSite.at(stage.line(), Dependency.Via.FROM, image.reference(),
                new Span(start, start + written.length(), stage.line(), Optional.empty())));
    }
}
