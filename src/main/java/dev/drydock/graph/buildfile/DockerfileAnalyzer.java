package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.Arguments.NameValue;
import dev.drydock.graph.buildfile.DockerfileParser.Dockerfile;
import dev.drydock.graph.buildfile.ShellWords.Result;
import dev.drydock.graph.buildfile.ShellWords.Unset;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dockerfile analysis: global ARGs, stages and their bases, dependencies, and whether the stages that
 * make up the final image use only what Jib can do.
 */
final class DockerfileAnalyzer {

    static final String SCRATCH = "scratch";

    /**
     * A FROM's platform.
     *
     * @param given the resolved {@code --platform}, empty when none was given or it did not resolve
     * @param pulled what the stage pulls images for: {@code given}, else the target; empty when the flag
     *     did not resolve
     */
    private record FromPlatform(Optional<Platform> given, Optional<Platform> pulled) {}

    private static final String FROM_WORDS = "FROM takes one image and an optional AS <name>, and got more words";
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

    private final Dockerfile file;
    private final Map<String, String> args;
    private final Platform target;
    private final ShellWords shell;
    private final Map<String, String> automatic;
    private final Map<String, String> globals = new HashMap<>();
    private final Set<String> globalArgs = new HashSet<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<BuildFileProblem> problems = new ArrayList<>();
    /** What buildah cannot do in stages the final image does not use (Jib does not build those). */
    private final List<BuildFileProblem> buildahLimits = new ArrayList<>();

    private DockerfileAnalyzer(Dockerfile file, Map<String, String> args, Platform target) {
        this.file = file;
        this.target = target;
        this.shell = new ShellWords(file.escape());
        this.automatic = automaticArgs(target);
        // The platform ARGs follow the requested platform; args cannot contradict it.
        Map<String, String> given = new HashMap<>(args);
        given.keySet().removeAll(automatic.keySet());
        this.args = Map.copyOf(given);
    }

    static BuildFileAnalysis analyze(String content, Map<String, String> args, Platform target) {
        return analyze(content, args, target, Optional.empty());
    }

    static BuildFileAnalysis analyze(String content, Map<String, String> args, Platform target,
            Optional<String> targetStage) {
        return new DockerfileAnalyzer(DockerfileParser.parse(content), args, target).analyze(targetStage);
    }

    // drydock builds for the target platform without running anything, so the build platform is the same.
    private static Map<String, String> automaticArgs(Platform platform) {
        Map<String, String> automatic = new HashMap<>();
        for (String prefix : List.of("TARGET", "BUILD")) {
            automatic.put(prefix + "PLATFORM", platform.toString());
            automatic.put(prefix + "OS", platform.os());
            automatic.put(prefix + "ARCH", platform.architecture());
            automatic.put(prefix + "VARIANT", platform.variant().orElse(""));
        }
        return automatic;
    }

    private BuildFileAnalysis analyze(Optional<String> targetStage) {
        List<Instruction> all = file.instructions();
        List<Instruction> afterGlobals = all.subList(readGlobalArgs(all), all.size());
        if (targetStage.isPresent()) {
            afterGlobals = afterGlobals.subList(0, targetEnd(afterGlobals, targetStage.get()));
        }
        List<Instruction> froms = new ArrayList<>();
        List<List<Instruction>> bodies = new ArrayList<>();
        for (Instruction instruction : afterGlobals) {
            if (instruction.keyword().equals("FROM")) {
                froms.add(instruction);
                bodies.add(new ArrayList<>());
            } else {
                bodies.get(bodies.size() - 1).add(instruction);
            }
        }

        Set<String> laterArgs = laterArgs(afterGlobals);
        List<Stage> stages = new ArrayList<>();
        List<Optional<Platform>> platforms = new ArrayList<>();
        for (Instruction from : froms) {
            try {
                FromPlatform platform = platform(from, laterArgs);
                stages.add(stage(from, stages, platform.given(), laterArgs));
                platforms.add(platform.pulled());
            } catch (InstructionException e) {
                throw e.at(from.line());
            }
        }

        List<Integer> chain = chain(stages);
        RecipeBuilder recipe = walk(stages, bodies, platforms, chain);
        problems.addAll(recipe.problems());
        if (!problems.isEmpty() && problems.stream().allMatch(BuildFileProblem::jibOnly)) {
            problems.addAll(buildahLimits);
        }
        problems.sort(Comparator.comparingInt(BuildFileProblem::line));

        Optional<ImageRecipe> built = Optional.empty();
        if (problems.isEmpty()) {
            int root = chain.get(0);
            Optional<ImageReference> base = stages.get(root).base() instanceof StageBase.Image image
                    ? Optional.of(image.reference())
                    : Optional.empty();
            built = Optional.of(recipe.build(base, platforms.get(root).orElse(target)));
        }
        return new BuildFileAnalysis(BuildFileKind.DOCKERFILE, stages, dependencies, problems, built,
                engine(problems));
    }

    // Jib when it can build the file, else buildah when only Jib is held back, else nothing can.
    private static Optional<EngineChoice> engine(List<BuildFileProblem> problems) {
        if (problems.isEmpty()) {
            return Optional.of(new EngineChoice(Engine.JIB, "Jib expresses every instruction of the final image"));
        }
        if (problems.stream().allMatch(BuildFileProblem::jibOnly)) {
            BuildFileProblem first = problems.get(0);
            return Optional.of(new EngineChoice(Engine.BUILDAH, "line " + first.line() + ": " + first.detail()));
        }
        return Optional.empty();
    }

    // Reads the ARGs before the first FROM; returns the index of that FROM.
    private int readGlobalArgs(List<Instruction> all) {
        if (all.isEmpty()) {
            throw new BuildFileSyntaxException(1, "the Dockerfile has no instructions: it needs at least a FROM");
        }
        int first = 0;
        while (first < all.size() && all.get(first).keyword().equals("ARG")) {
            declareGlobal(all.get(first++));
        }
        if (first == all.size()) {
            throw new BuildFileSyntaxException(all.get(all.size() - 1).line(),
                    "the Dockerfile has no FROM instruction");
        }
        if (!all.get(first).keyword().equals("FROM")) {
            throw new BuildFileSyntaxException(all.get(first).line(),
                    all.get(first).keyword() + " comes before the first FROM, where only ARG may come");
        }
        return first;
    }

    /**
     * Reads every stage's instructions for dependencies and syntax; the stages in {@code chain} (those the
     * final image is made of) also feed the returned recipe.
     */
    private RecipeBuilder walk(List<Stage> stages, List<List<Instruction>> bodies, List<Optional<Platform>> platforms,
            List<Integer> chain) {
        int root = chain.get(0);
        int last = stages.size() - 1;
        Map<String, String> stageArgs = new HashMap<>(args);
        stageArgs.putAll(automatic);
        StageWalker.Build build = new StageWalker.Build(shell, file.escape(), stageArgs, this::globalValue,
                globalArgs, stages);
        RecipeBuilder recipe = new RecipeBuilder();
        Map<Integer, Map<String, String>> envs = new HashMap<>();
        for (Stage stage : stages) {
            int index = stage.index();
            if (stage.base() instanceof StageBase.Image image) {
                dependencies.add(new Dependency(image.reference(), index, index == root, platforms.get(index),
                        stage.line(), Dependency.Via.FROM));
            }
            Map<String, String> inherited = stage.base() instanceof StageBase.OfStage parent
                    ? envs.get(parent.index())
                    : Map.of();
            RecipeBuilder builder = chain.contains(index) ? recipe : new RecipeBuilder();
            builder.enterStage(stage, index == last);
            envs.put(index, new StageWalker(build, stage, platforms.get(index), inherited, builder, dependencies,
                    problems).walk(bodies.get(index)));
            if (builder != recipe) {
                // Jib never builds the stages outside the final image; buildah builds them all.
                builder.problems().stream().filter(p -> !p.jibOnly()).forEach(buildahLimits::add);
            }
        }
        return recipe;
    }

    private void declareGlobal(Instruction instruction) {
        try {
            for (NameValue declaration : Arguments.argDeclarations(instruction.arguments(), file.escape())) {
                String name = declaration.name();
                globalArgs.add(name);
                String value = automatic.containsKey(name) ? automatic.get(name)
                        : args.containsKey(name) ? args.get(name)
                        : declaration.value().map(v -> shell.word(v, this::globalValue, Unset.EMPTY).value())
                                .orElse(null);
                if (value != null) {
                    globals.put(name, value);
                }
            }
        } catch (InstructionException e) {
            throw e.at(instruction.line());
        }
    }

    private String globalValue(String name) {
        return globals.containsKey(name) ? globals.get(name) : automatic.get(name);
    }

    // Names declared by ARG inside stages, for hints about why FROM cannot see them.
    private Set<String> laterArgs(List<Instruction> instructions) {
        Set<String> names = new HashSet<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ARG")) {
                try {
                    Arguments.argDeclarations(instruction.arguments(), file.escape())
                            .forEach(d -> names.add(d.name()));
                } catch (InstructionException e) {
                    // reported with its line when the stage is read
                }
            }
        }
        return names;
    }

    private FromPlatform platform(Instruction from, Set<String> laterArgs) {
        Optional<String> flag = from.flag("platform").filter(v -> !v.isEmpty());
        if (flag.isEmpty()) {
            return new FromPlatform(Optional.empty(), Optional.of(target));
        }
        String what = "FROM --platform=" + flag.get();
        Result result = shell.word(flag.get(), this::globalValue, Unset.EMPTY);
        if (!result.resolved()) {
            problem(from, Unresolved.inFrom(what, result, globalArgs, args, laterArgs));
            return new FromPlatform(Optional.empty(), Optional.empty());
        }
        try {
            Optional<Platform> platform = Optional.of(Platform.parse(result.value()));
            return new FromPlatform(platform, platform);
        } catch (IllegalArgumentException e) {
            problem(from, what + " is not a platform: " + e.getMessage());
            return new FromPlatform(Optional.empty(), Optional.empty());
        }
    }

    private Stage stage(Instruction from, List<Stage> earlier, Optional<Platform> platform, Set<String> laterArgs) {
        List<String> words = Arguments.whitespaceSeparated(from.arguments());
        if (words.isEmpty()) {
            throw new InstructionException("FROM needs an image: FROM [--platform=<platform>] <image> [AS <name>]");
        }
        Optional<String> name = Optional.empty();
        if (words.size() >= 2 && words.get(1).equalsIgnoreCase("AS")) {
            if (words.size() == 2) {
                throw new InstructionException("AS needs a stage name: FROM <image> AS <name>");
            }
            if (words.size() > 3) {
                throw new InstructionException(FROM_WORDS);
            }
            name = Optional.of(stageName(words.get(2), earlier));
        } else if (words.size() != 1) {
            throw new InstructionException(FROM_WORDS);
        }
        String raw = words.get(0);
        return new Stage(earlier.size(), name, from.line(), raw, base(from, raw, earlier, laterArgs), platform);
    }

    private static String stageName(String written, List<Stage> earlier) {
        String name = written.toLowerCase(Locale.ROOT);
        if (!STAGE_NAME.matcher(name).matches()) {
            throw new InstructionException("invalid stage name: start with a letter, then use letters, digits, "
                    + "'-', '_' and '.'");
        }
        if (earlier.stream().anyMatch(s -> s.name().filter(name::equals).isPresent())) {
            throw new InstructionException("duplicate stage name: an earlier FROM has the same AS name");
        }
        return name;
    }

    private StageBase base(Instruction from, String raw, List<Stage> earlier, Set<String> laterArgs) {
        Result result = shell.word(raw, this::globalValue, Unset.EMPTY);
        if (!result.resolved()) {
            problem(from, Unresolved.inFrom("FROM " + raw, result, globalArgs, args, laterArgs));
            return new StageBase.Unresolved();
        }
        String value = result.value();
        if (value.isEmpty()) {
            problem(from, "FROM " + raw + " resolves to an empty image name");
            return new StageBase.Unresolved();
        }
        if (value.equals(SCRATCH)) {
            return new StageBase.Scratch();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Optional<Stage> parent = earlier.stream().filter(s -> s.name().filter(lower::equals).isPresent()).findFirst();
        if (parent.isPresent()) {
            return new StageBase.OfStage(parent.get().index());
        }
        try {
            return new StageBase.Image(ImageReference.parse(value));
        } catch (InvalidReferenceException e) {
            if (raw.indexOf('$') < 0) {
                throw new InstructionException("FROM names an image that is not a valid image reference: "
                        + Excerpts.removed(e.reason()));
            }
            problem(from, "FROM " + raw + " resolves to \"" + value + "\", which is not a valid image reference: "
                    + e.reason());
            return new StageBase.Unresolved();
        }
    }

    /**
     * Where the target stage's instructions end: the stages after it are not built, as with
     * {@code docker build --target}.
     */
    static int targetEnd(List<Instruction> instructions, String target) {
        String wanted = target.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            if (!instruction.keyword().equals("FROM")) {
                continue;
            }
            if (found) {
                return i;
            }
            stageName(instruction).ifPresent(names::add);
            found = stageName(instruction).filter(wanted::equals).isPresent();
        }
        if (found) {
            return instructions.size();
        }
        throw new UnknownTargetException(target, names);
    }

    // The AS name of a FROM, lower-cased; empty when it has none.
    static Optional<String> stageName(Instruction from) {
        List<String> words = Arguments.whitespaceSeparated(from.arguments());
        return words.size() == 3 && words.get(1).equalsIgnoreCase("AS")
                ? Optional.of(words.get(2).toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    // The final stage and the stages it is built FROM, root first.
    private static List<Integer> chain(List<Stage> stages) {
        List<Integer> chain = new ArrayList<>();
        int index = stages.size() - 1;
        chain.add(index);
        while (stages.get(index).base() instanceof StageBase.OfStage parent) {
            index = parent.index();
            chain.add(0, index);
        }
        return chain;
    }

    private void problem(Instruction instruction, String detail) {
        problems.add(BuildFileProblem.atInstruction(instruction.line(), instruction.keyword(), detail));
    }
}
