package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.DockerfileParser.Dockerfile;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Dockerfile buildah builds: a copy of the task's, with every stage's FROM image pinned to the digest of the
 * run, and RUN heredocs (which buildah 1.28 does not read) turned into the exec form of the stage's shell. Every
 * other line is kept as written, so buildah's line numbers in errors match the task's file.
 *
 * @param text the Dockerfile to hand to buildah
 * @param dockerFormat true when a stage sets something only the Docker image format can hold (HEALTHCHECK, SHELL,
 *     ONBUILD): buildah drops them from OCI images
 * @param secretIds the ids of {@code RUN --mount=type=secret} mounts, in file order
 * @param target the stage buildah builds ({@code --target}); empty for the last. The text ends with that stage.
 */
public record BuildahDockerfile(String text, boolean dockerFormat, Set<String> secretIds, Optional<String> target) {

    private static final List<String> DEFAULT_SHELL = RecipeBuilder.DEFAULT_SHELL;
    private static final Set<String> DOCKER_ONLY = Set.of("HEALTHCHECK", "SHELL", "ONBUILD");

    public BuildahDockerfile {
        Objects.requireNonNull(text, "text");
        secretIds = Set.copyOf(new LinkedHashSet<>(secretIds));
        Objects.requireNonNull(target, "target");
    }

    /**
     * Rewrites {@code content}.
     *
     * @param pins stage index → the image its FROM pulls, with the digest it is pinned to; stages built FROM
     *     another stage or scratch are not in it
     * @throws BuildFileSyntaxException as the analysis would
     */
    public static BuildahDockerfile rewrite(String content, Map<Integer, ImageReference> pins) {
        return rewrite(content, pins, Map.of());
    }

    /**
     * Rewrites {@code content}, also pinning {@code COPY --from=<image>} and {@code RUN --mount=...,from=<image>}.
     *
     * @param copyPins line of a {@code COPY --from=<image>} or of a {@code RUN --mount} with {@code from=<image>} →
     *     the image, with the digest it is pinned to; a flag that is not on the instruction's first line is left as
     *     written, and of a RUN's mounts those whose {@code from} names that image are pinned
     */
    public static BuildahDockerfile rewrite(String content, Map<Integer, ImageReference> pins,
            Map<Integer, ImageReference> copyPins) {
        return rewrite(content, pins, copyPins, Optional.empty());
    }

    /**
     * Rewrites {@code content} up to the {@code target} stage: the stages after it are cut (their lines go), as
     * {@code --target} would leave them unbuilt, so their bases are neither pinned nor pulled.
     *
     * @throws UnknownTargetException when no stage has that name
     */
    public static BuildahDockerfile rewrite(String content, Map<Integer, ImageReference> pins,
            Map<Integer, ImageReference> copyPins, Optional<String> target) {
        Dockerfile file = DockerfileParser.parse(content);
        List<Instruction> instructions = file.instructions();
        if (target.isPresent()) {
            int first = 0;
            while (first < instructions.size() && !instructions.get(first).keyword().equals("FROM")) {
                first++;
            }
            int end = first + DockerfileAnalyzer.targetEnd(instructions.subList(first, instructions.size()),
                    target.get());
            instructions = instructions.subList(0, end);
        }
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        if (lines[0].startsWith("\uFEFF")) {
            lines[0] = lines[0].substring(1);
        }
        String[] out = lines.clone();
        boolean dockerFormat = false;
        Set<String> secrets = new LinkedHashSet<>();
        List<String> stageNames = new ArrayList<>();
        List<List<String>> stageShells = new ArrayList<>();
        List<String> shell = DEFAULT_SHELL;
        int stage = -1;
        for (Instruction instruction : instructions) {
            String keyword = instruction.keyword();
            dockerFormat |= DOCKER_ONLY.contains(keyword);
            switch (keyword) {
                case "FROM" -> {
                    stage++;
                    List<String> words = Arguments.whitespaceSeparated(instruction.arguments());
                    String name = words.size() == 3 ? words.get(2).toLowerCase(Locale.ROOT) : "";
                    int parent = stageNames.indexOf(words.get(0).toLowerCase(Locale.ROOT));
                    shell = parent >= 0 ? stageShells.get(parent) : DEFAULT_SHELL;
                    stageNames.add(name);
                    stageShells.add(shell);
                    ImageReference pin = pins.get(stage);
                    if (pin != null) {
                        StringBuilder from = new StringBuilder("FROM");
                        instruction.flag("platform").ifPresent(p -> from.append(" --platform=").append(p));
                        from.append(' ').append(pin.name()).append('@').append(pin.digest().orElseThrow());
                        words.stream().skip(1).forEach(w -> from.append(' ').append(w));
                        replace(out, instruction, from.toString());
                    }
                }
                case "SHELL" -> {
                    shell = Arguments.jsonArray(instruction.arguments()).filter(s -> !s.isEmpty()).orElse(shell);
                    stageShells.set(stage, shell);
                }
                case "RUN" -> {
                    secrets.addAll(secretIds(instruction));
                    ImageReference pin = copyPins.get(instruction.line());
                    if (!instruction.heredocs().isEmpty()) {
                        replace(out, instruction, "RUN" + flags(instruction, pin) + " "
                                + execForm(shell, script(instruction)));
                    } else if (pin != null) {
                        out[instruction.line() - 1] = pinMounts(out[instruction.line() - 1], pin);
                    }
                }
                case "COPY" -> {
                    ImageReference pin = copyPins.get(instruction.line());
                    if (pin != null && instruction.flag("from").isPresent()) {
                        String line = out[instruction.line() - 1];
                        int at = line.indexOf("--from=");
                        if (at >= 0) {
                            int end = at;
                            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                                end++;
                            }
                            out[instruction.line() - 1] = line.substring(0, at) + "--from=" + pin.name() + "@"
                                    + pin.digest().orElseThrow() + line.substring(end);
                        }
                    }
                }
                default -> { }
            }
        }
        if (instructions.size() < file.instructions().size()) {
            for (int i = file.instructions().get(instructions.size()).line() - 1; i < out.length; i++) {
                out[i] = null;
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : out) {
            if (line != null) {
                text.append(line).append('\n');
            }
        }
        return new BuildahDockerfile(text.toString(), dockerFormat, secrets, target.map(String::strip));
    }

    // The instruction's first line becomes the replacement, its other lines go.
    private static void replace(String[] out, Instruction instruction, String replacement) {
        out[instruction.line() - 1] = replacement;
        for (int i = instruction.line(); i < instruction.endLine(); i++) {
            out[i] = null;
        }
    }

    /**
     * {@code RUN <<EOF} alone runs the document as a script; otherwise (e.g. {@code RUN cat <<EOF > /f}) the
     * shell is given the command line with its documents, which it reads as here-documents itself.
     */
    private static String script(Instruction instruction) {
        List<Instruction.Heredoc> heredocs = instruction.heredocs();
        if (heredocs.size() == 1 && instruction.arguments().matches("<<-?[\"']?[^\\s\"']+[\"']?")) {
            Instruction.Heredoc heredoc = heredocs.get(0);
            return heredoc.chomp() ? heredoc.content().replaceAll("(?m)^\t+", "") : heredoc.content();
        }
        StringBuilder script = new StringBuilder(instruction.arguments()).append('\n');
        for (Instruction.Heredoc heredoc : heredocs) {
            script.append(heredoc.content()).append(heredoc.name()).append('\n');
        }
        return script.toString();
    }

    private static String flags(Instruction instruction, ImageReference pin) {
        StringBuilder flags = new StringBuilder();
        for (Instruction.Flag flag : instruction.flags()) {
            String value = pin != null && flag.name().equals("mount") ? pinMount(flag.value(), pin) : flag.value();
            flags.append(" --").append(flag.name()).append('=')
                    .append(value.chars().anyMatch(Character::isWhitespace) ? json(value) : value);
        }
        return flags.toString();
    }

    // Every --mount=... word of the line gets its from= pinned when it names the pinned image.
    private static String pinMounts(String line, ImageReference pin) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int end = i;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            String word = line.substring(i, end);
            out.append(word.startsWith("--mount=") ? "--mount=" + pinMount(word.substring(8), pin) : word);
            while (end < line.length() && Character.isWhitespace(line.charAt(end))) {
                out.append(line.charAt(end++));
            }
            i = end;
        }
        return out.toString();
    }

    /** A mount's options with {@code from=<image>} pinned, when its image is {@code pin}'s; others as written. */
    static String pinMount(String mount, ImageReference pin) {
        String[] options = mount.split(",", -1);
        for (int i = 0; i < options.length; i++) {
            int eq = options[i].indexOf('=');
            if (eq > 0 && options[i].substring(0, eq).strip().equals("from")) {
                String value = options[i].substring(eq + 1).strip();
                if (sameImage(value, pin)) {
                    options[i] = "from=" + pin.name() + "@" + pin.digest().orElseThrow();
                }
            }
        }
        return String.join(",", options);
    }

    private static boolean sameImage(String value, ImageReference pin) {
        try {
            return ImageReference.parse(value).name().equals(pin.name());
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    private static String execForm(List<String> shell, String script) {
        List<String> words = new ArrayList<>(shell);
        words.add(script);
        return "[" + String.join(", ", words.stream().map(BuildahDockerfile::json).toList()) + "]";
    }

    private static Set<String> secretIds(Instruction instruction) {
        Set<String> ids = new LinkedHashSet<>();
        for (String mount : instruction.flagValues("mount")) {
            Optional<String> type = Optional.empty();
            Optional<String> id = Optional.empty();
            Optional<String> target = Optional.empty();
            for (String option : mount.split(",")) {
                int eq = option.indexOf('=');
                String key = eq < 0 ? option.strip() : option.substring(0, eq).strip();
                String value = eq < 0 ? "" : option.substring(eq + 1).strip();
                switch (key) {
                    case "type" -> type = Optional.of(value);
                    case "id" -> id = Optional.of(value);
                    case "target", "dst", "destination" -> target = Optional.of(value);
                    default -> { }
                }
            }
            if (type.filter("secret"::equals).isPresent()) {
                // BuildKit's default id is the target's file name.
                Optional<String> dst = target;
                id.or(() -> dst.map(t -> t.substring(t.lastIndexOf('/') + 1))).ifPresent(ids::add);
            }
        }
        return ids;
    }

    static String json(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
