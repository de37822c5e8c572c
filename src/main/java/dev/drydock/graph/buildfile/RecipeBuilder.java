package dev.drydock.graph.buildfile;

import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import dev.drydock.graph.buildfile.ImageRecipe.Layer;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects what the Dockerfile stages that end up in the final image do, in Jib's terms, and a problem
 * for every step Jib cannot do. Fed with instructions whose variables are already substituted.
 */
final class RecipeBuilder {

    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*|git@.*");
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
            ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst");
    private static final Pattern OCTAL = Pattern.compile("0?([0-7]{3})");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private final List<BuildFileProblem> problems = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Set<String> exposedPorts = new LinkedHashSet<>();
    private final Set<String> volumes = new LinkedHashSet<>();
    private final List<Layer> layers = new ArrayList<>();
    private String user;
    private String workingDirectory;
    private List<String> entrypoint;
    private List<String> cmd;
    private List<String> shell = DEFAULT_SHELL;
    private boolean cmdInStage;
    private Stage stage;
    private boolean finalStage;

    /** Starts the instructions of {@code stage}; the final stage's own come last. */
    void enterStage(Stage stage, boolean finalStage) {
        this.stage = stage;
        this.finalStage = finalStage;
        this.cmdInStage = false;
    }

    List<BuildFileProblem> problems() {
        return problems;
    }

    void environment(Map<String, String> pairs) {
        environment.putAll(pairs);
    }

    void labels(Map<String, String> pairs) {
        labels.putAll(pairs);
    }

    void exposedPorts(List<String> ports) {
        exposedPorts.addAll(ports);
    }

    void volumes(List<String> paths) {
        volumes.addAll(paths);
    }

    void user(String user) {
        this.user = user;
    }

    void workingDirectory(String path) {
        String resolved = resolve(workingDirectory, path);
        workingDirectory = resolved.length() > 1 && resolved.endsWith("/")
                ? resolved.substring(0, resolved.length() - 1)
                : resolved;
    }

    void shell(List<String> shell) {
        this.shell = List.copyOf(shell);
    }

    /** CMD: the exec form as given, or the shell form wrapped in the current SHELL. */
    void cmd(Optional<List<String>> exec, String shellForm) {
        cmd = commandLine(exec, shellForm);
        cmdInStage = true;
    }

    /** ENTRYPOINT; like docker, it clears a CMD that this stage did not set. */
    void entrypoint(Optional<List<String>> exec, String shellForm) {
        entrypoint = commandLine(exec, shellForm);
        if (!cmdInStage) {
            cmd = List.of();
        }
    }

    private List<String> commandLine(Optional<List<String>> exec, String shellForm) {
        if (exec.isPresent()) {
            return exec.get();
        }
        if (shellForm.isBlank()) {
            return List.of();
        }
        List<String> line = new ArrayList<>(shell);
        line.add(shellForm);
        return line;
    }

    /** COPY or ADD of files from the build context, flags already substituted. */
    void copy(Instruction instruction, List<String> sources, String dest, Optional<String> chown,
            Optional<String> chmod, List<String> excludes) {
        String keyword = instruction.keyword();
        if (!instruction.heredocs().isEmpty()) {
            unbuildable(instruction, "writes an inline file (<<" + instruction.heredocs().get(0).name()
                    + "), which neither Jib nor buildah 1.28 supports: commit the file to the build context and COPY it");
            return;
        }
        if (instruction.flag("parents").filter("true"::equals).isPresent()) {
            unbuildable(instruction, "--parents is not supported (by Jib or buildah 1.28): give each directory its own "
                    + keyword);
            return;
        }
        if (keyword.equals("ADD")) {
            for (String source : sources) {
                if (URL.matcher(source).matches()) {
                    unsupported(instruction, "downloads " + source + " during the build, which Jib cannot do: "
                            + "download it into the build context and COPY it");
                    return;
                }
                String lower = source.toLowerCase(Locale.ROOT);
                if (ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith)) {
                    unsupported(instruction, "extracts the archive " + source + ", which Jib cannot do: extract it "
                            + "into the build context and COPY the directory");
                    return;
                }
            }
        }
        Optional<String> permissions = Optional.empty();
        if (chmod.isPresent()) {
            var octal = OCTAL.matcher(chmod.get());
            if (!octal.matches()) {
                unsupported(instruction, "--chmod=" + chmod.get() + " is not three octal digits, which Jib needs "
                        + "(e.g. --chmod=755)");
                return;
            }
            permissions = Optional.of(octal.group(1));
        }
        Optional<String> owner = chown.map(c -> c.contains(":") ? c.substring(0, c.indexOf(':')) : c);
        Optional<String> group = chown.flatMap(c -> c.contains(":")
                ? Optional.of(c.substring(c.indexOf(':') + 1))
                : Optional.of(c).filter(NUMERIC.asMatchPredicate()));
        FileProperties properties = new FileProperties(permissions, permissions, owner, group, Optional.empty());
        String target = resolve(workingDirectory, dest);
        List<FileCopy> files = sources.stream()
                .map(source -> new FileCopy(source, target, List.of(), excludes, properties))
                .toList();
        layers.add(new Layer(keyword + " line " + instruction.line(), files));
    }

    /**
     * An instruction Jib cannot carry out but buildah can; {@code why} says what it does and what to do instead
     * for Jib.
     */
    void unsupported(Instruction instruction, String why) {
        problems.add(BuildFileProblem.forJib(instruction.line(), instruction.keyword(), where(instruction) + " " + why));
    }

    /** An instruction that neither Jib nor buildah (1.28) can carry out. */
    void unbuildable(Instruction instruction, String why) {
        problems.add(BuildFileProblem.atInstruction(instruction.line(), instruction.keyword(),
                where(instruction) + " " + why));
    }

    private String where(Instruction instruction) {
        return instruction.keyword() + (finalStage ? "" : " in stage "
                + stage.name().orElse(String.valueOf(stage.index())) + " (the final image is built on it)");
    }

    ImageRecipe build(Optional<ImageReference> base, Platform platform) {
        return new ImageRecipe(base, List.of(platform), environment, labels, List.copyOf(exposedPorts),
                List.copyOf(volumes), Optional.ofNullable(user), Optional.ofNullable(workingDirectory),
                Optional.ofNullable(entrypoint), Optional.ofNullable(cmd), Optional.empty(), Optional.empty(),
                layers);
    }

    /**
     * {@code path} against the directory {@code base}, with {@code .} and {@code ..} resolved and a
     * trailing {@code /} kept. Relative results stay relative (to the base image's working directory);
     * a path that starts with a variable is left for the builder.
     */
    static String resolve(String base, String path) {
        if (path.startsWith("$")) {
            return path;
        }
        boolean directory = path.endsWith("/") || path.equals(".") || path.equals("..") || path.endsWith("/.")
                || path.endsWith("/..");
        String resolved;
        if (path.startsWith("/") || base == null) {
            resolved = normalise(path);
        } else if (base.startsWith("$")) {
            resolved = base + "/" + normalise(path);
        } else {
            resolved = normalise(base + "/" + path);
        }
        return directory && !resolved.endsWith("/") ? resolved + "/" : resolved;
    }

    private static String normalise(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!part.equals("..") || !absolute) {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
