package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.Arguments.NameValue;
import dev.drydock.graph.buildfile.ShellWords.Result;
import dev.drydock.graph.buildfile.ShellWords.Unset;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the instructions of one stage (after its FROM): tracks its ARG and ENV values, records the
 * images that COPY --from and RUN --mount pull, and hands what the image gets to a
 * {@link RecipeBuilder}.
 */
final class StageWalker {

    /**
     * What every stage shares.
     *
     * @param args the build arguments given with the request and the automatic platform ARGs
     * @param globalValue the value of a global ARG or an automatic platform ARG, null when it has none
     * @param globalArgs names of the ARGs declared before the first FROM
     * @param stages all stages, for {@code --from} names and indexes
     */
    record Build(ShellWords shell, char escape, Map<String, String> args, Function<String, String> globalValue,
            Set<String> globalArgs, List<Stage> stages) {}

    private static final Pattern PORT = Pattern.compile("([0-9]+)(?:-([0-9]+))?(?:/(tcp|udp|sctp))?",
            Pattern.CASE_INSENSITIVE);

    private final Build build;
    private final Stage stage;
    private final Optional<Platform> platform;
    private final Map<String, String> env;
    private final Map<String, String> stageArgs = new HashMap<>();
    private final Set<String> declaredArgs = new HashSet<>();
    private final RecipeBuilder recipe;
    private final List<Dependency> dependencies;
    private final List<BuildFileProblem> problems;

    /**
     * @param platform the platform the stage pulls images for; empty when its --platform was invalid
     * @param inheritedEnv ENV of the stage this one is built FROM
     */
    StageWalker(Build build, Stage stage, Optional<Platform> platform, Map<String, String> inheritedEnv,
            RecipeBuilder recipe, List<Dependency> dependencies, List<BuildFileProblem> problems) {
        this.build = build;
        this.stage = stage;
        this.platform = platform;
        this.env = new LinkedHashMap<>(inheritedEnv);
        this.recipe = recipe;
        this.dependencies = dependencies;
        this.problems = problems;
    }

    /** Reads the stage's instructions; returns its ENV for stages built FROM it. */
    Map<String, String> walk(List<Instruction> instructions) {
        for (Instruction instruction : instructions) {
            try {
                apply(instruction);
            } catch (InstructionException e) {
                throw e.at(instruction.line());
            }
        }
        return env;
    }

    private void apply(Instruction instruction) {
        String arguments = instruction.arguments();
        switch (instruction.keyword()) {
            case "ARG" -> arg(instruction);
            case "ENV" -> {
                Map<String, String> pairs = pairs(instruction);
                env.putAll(pairs);
                recipe.environment(pairs);
            }
            case "LABEL" -> recipe.labels(pairs(instruction));
            case "COPY", "ADD" -> copy(instruction);
            case "RUN" -> run(instruction);
            case "WORKDIR" -> recipe.workingDirectory(single(instruction, "a path"));
            case "USER" -> recipe.user(single(instruction, "a user"));
            case "EXPOSE" -> recipe.exposedPorts(ports(instruction));
            case "VOLUME" -> recipe.volumes(volumes(instruction));
            case "CMD" -> recipe.cmd(Arguments.jsonArray(arguments), arguments);
            case "ENTRYPOINT" -> recipe.entrypoint(Arguments.jsonArray(arguments), arguments);
            case "SHELL" -> recipe.shell(Arguments.jsonArray(arguments).filter(s -> !s.isEmpty()).orElseThrow(
                    () -> new InstructionException("SHELL needs the JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]")));
            case "MAINTAINER" -> required(instruction, "a name");
            case "STOPSIGNAL" -> {
                required(instruction, "a signal");
                recipe.unsupported(instruction, "sets the stop signal in the image configuration, which Jib "
                        + "cannot write: remove it, or set the stop signal where the container runs");
            }
            case "HEALTHCHECK" -> {
                required(instruction, "CMD <command> or NONE");
                recipe.unsupported(instruction, "sets a health check in the image configuration, which Jib "
                        + "cannot write: remove it (Kubernetes and other orchestrators use their own probes)");
            }
            case "ONBUILD" -> {
                required(instruction, "an instruction");
                recipe.unsupported(instruction, "stores a trigger for later builds in the image configuration, "
                        + "which Jib cannot write: remove it");
            }
            default -> throw new IllegalStateException("unexpected instruction " + instruction.keyword());
        }
    }

    private String lookup(String name) {
        return env.containsKey(name) ? env.get(name) : stageArgs.get(name);
    }

    private Result expand(String text, Unset unset) {
        return build.shell().word(text, this::lookup, unset);
    }

    private void arg(Instruction instruction) {
        for (NameValue declaration : Arguments.argDeclarations(instruction.arguments(), build.escape())) {
            String name = declaration.name();
            declaredArgs.add(name);
            String value = build.args().containsKey(name)
                    ? build.args().get(name)
                    : declaration.value().map(v -> expand(v, Unset.KEEP).value())
                            .orElseGet(() -> build.globalValue().apply(name));
            if (value != null) {
                stageArgs.put(name, value);
            }
        }
    }

    // ENV and LABEL: every pair is substituted with the values from before the instruction.
    private Map<String, String> pairs(Instruction instruction) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (NameValue pair : Arguments.nameValues(instruction.keyword(), instruction.arguments(), build.escape())) {
            String name = expand(pair.name(), Unset.KEEP).value();
            if (name.isEmpty()) {
                throw new InstructionException(instruction.keyword() + " names can not be blank");
            }
            pairs.put(name, expand(pair.value().orElse(""), Unset.KEEP).value());
        }
        return pairs;
    }

    private void required(Instruction instruction, String what) {
        if (instruction.arguments().isEmpty()) {
            throw new InstructionException(instruction.keyword() + " needs " + what);
        }
    }

    private String single(Instruction instruction, String what) {
        required(instruction, what);
        String value = expand(instruction.arguments(), Unset.KEEP).value();
        if (value.isEmpty()) {
            throw new InstructionException(instruction.keyword() + " resolves to an empty value; it needs " + what);
        }
        return value;
    }

    private List<String> ports(Instruction instruction) {
        required(instruction, "at least one port, e.g. EXPOSE 8080 or EXPOSE 53/udp");
        List<String> ports = new ArrayList<>();
        for (String word : build.shell().words(instruction.arguments(), this::lookup, Unset.EMPTY)) {
            Matcher m = PORT.matcher(word);
            if (!m.matches() || !validPort(m.group(1)) || m.group(2) != null && !validPort(m.group(2))) {
                throw new InstructionException("invalid port: use <port>[-<port>][/tcp|/udp|/sctp] with ports 1 to 65535, e.g. 8080 or 53/udp");
            }
            if ("sctp".equalsIgnoreCase(m.group(3))) {
                recipe.unsupported(instruction, "exposes the sctp port " + word + ", and Jib exposes only tcp and "
                        + "udp ports: remove it or declare the port where the container runs");
            } else {
                ports.add(m.group(3) == null ? word : word.toLowerCase(Locale.ROOT));
            }
        }
        return ports;
    }

    // "COPY --from=x" without its value, for syntax errors, which never quote the file
    private static String flag(String what) {
        return what.substring(0, what.indexOf('='));
    }

    private static boolean validPort(String digits) {
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }

    private List<String> volumes(Instruction instruction) {
        required(instruction, "at least one path");
        List<String> raw = Arguments.jsonArray(instruction.arguments())
                .orElseGet(() -> Arguments.whitespaceSeparated(instruction.arguments()));
        List<String> paths = new ArrayList<>();
        for (String path : raw) {
            String value = expand(path, Unset.KEEP).value().strip();
            if (value.isEmpty()) {
                throw new InstructionException("VOLUME paths can not be empty");
            }
            paths.add(value);
        }
        return paths;
    }

    private void copy(Instruction instruction) {
        String keyword = instruction.keyword();
        List<String> words = Arguments.jsonArray(instruction.arguments())
                .orElseGet(() -> Arguments.whitespaceSeparated(instruction.arguments()));
        if (words.size() < 2) {
            throw new InstructionException(keyword + " needs at least one source and a destination: " + keyword
                    + " <src>... <dest>");
        }
        List<String> expanded = words.stream().map(w -> expand(w, Unset.KEEP).value()).toList();
        List<String> sources = expanded.subList(0, expanded.size() - 1);
        String dest = expanded.get(expanded.size() - 1);
        if (sources.size() > 1 && !dest.endsWith("/")) {
            throw new InstructionException("when " + keyword + " has more than one source, the destination must "
                    + "be a directory and end with /");
        }
        Optional<String> from = instruction.flag("from");
        if (from.isPresent() && !from.get().isEmpty()) {
            Optional<Stage> source = source(instruction, "COPY --from=" + from.get(), from.get(),
                    Dependency.Via.COPY_FROM);
            recipe.unsupported(instruction, source.isPresent()
                    ? "--from=" + from.get() + " copies from another stage, which needs a container engine to "
                            + "build: build those files before drydock runs (e.g. in CI) and COPY them from the "
                            + "build context"
                    : "--from=" + from.get() + " copies files out of another image, which Jib cannot do: put the "
                            + "files into the base image or the build context");
            return;
        }
        Optional<String> chown = instruction.flag("chown").map(v -> expand(v, Unset.KEEP).value());
        Optional<String> chmod = instruction.flag("chmod").map(v -> expand(v, Unset.KEEP).value());
        List<String> excludes = instruction.flagValues("exclude").stream()
                .map(v -> expand(v, Unset.KEEP).value())
                .toList();
        recipe.copy(instruction, sources, dest, chown, chmod, excludes);
    }

    private void run(Instruction instruction) {
        for (String mount : instruction.flagValues("mount")) {
            for (String option : mount.split(",")) {
                int eq = option.indexOf('=');
                if (eq > 0 && option.substring(0, eq).strip().equals("from")) {
                    String value = option.substring(eq + 1).strip();
                    source(instruction, "RUN --mount from=" + value, value, Dependency.Via.RUN_MOUNT);
                }
            }
        }
        recipe.unsupported(instruction, "needs a container engine, and Jib only adds files and configuration: do "
                + "this work where the files you COPY are built (e.g. in CI), or move it into the base image");
    }

    /**
     * Resolves a {@code --from} value: a stage (returned), or an image that becomes a dependency (empty is
     * returned). A name that matches no stage is an image, as in BuildKit.
     */
    private Optional<Stage> source(Instruction instruction, String what, String raw, Dependency.Via via) {
        Result result = expand(raw, Unset.EMPTY);
        if (!result.resolved()) {
            problems.add(BuildFileProblem.atInstruction(instruction.line(), instruction.keyword(),
                    Unresolved.inStage(what, result, declaredArgs, build.globalArgs())));
            return Optional.empty();
        }
        String value = result.value();
        if (value.isEmpty()) {
            problems.add(BuildFileProblem.atInstruction(instruction.line(), instruction.keyword(),
                    what + " resolves to an empty name"));
            return Optional.empty();
        }
        Optional<Stage> named = build.stages().stream()
                .filter(s -> s.name().filter(value.toLowerCase(Locale.ROOT)::equals).isPresent())
                .findFirst();
        if (named.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            int index = value.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(value);
            if (index >= build.stages().size()) {
                int count = build.stages().size();
                throw new InstructionException(flag(what) + " names a stage by a number, but the stages are "
                        + "numbered from 0 to " + (count - 1));
            }
            named = Optional.of(build.stages().get(index));
        }
        if (named.isPresent()) {
            if (named.get().index() == stage.index()) {
                throw new InstructionException(flag(what) + " refers to its own stage");
            }
            return named;
        }
        ImageReference reference;
        try {
            reference = ImageReference.parse(value);
        } catch (InvalidReferenceException e) {
            String reason = "is neither a stage nor a valid image reference: " + e.reason();
            if (raw.indexOf('$') < 0) {
                throw new InstructionException(flag(what) + " is neither a stage nor a valid image reference: "
                        + Excerpts.removed(e.reason()));
            }
            problems.add(BuildFileProblem.atInstruction(instruction.line(), instruction.keyword(),
                    what + " resolves to \"" + value + "\", which " + reason));
            return Optional.empty();
        }
        dependencies.add(new Dependency(reference, stage.index(), false, platform, instruction.line(), via));
        return Optional.empty();
    }
}
