package dev.drydock.graph.buildfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import dev.drydock.graph.buildfile.ImageRecipe.Format;
import dev.drydock.graph.buildfile.ImageRecipe.Layer;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jib CLI build files ({@code apiVersion: jib/v1alpha1}, {@code kind: BuildFile}). Every field of the
 * schema is checked as Jib CLI would: unknown fields, wrong types and bad values are problems at their
 * path. Without {@code from} the image is built FROM scratch, Jib CLI's default; {@code ${...}}
 * templates (Jib CLI's {@code --parameter}) are filled from the task's args ({@link JibTemplates}).
 */
final class JibYamlAnalyzer {

    static final String API_VERSION = "jib/v1alpha1";
    static final String KIND = "BuildFile";

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "from", "creationTime", "format",
            "environment", "labels", "volumes", "exposedPorts", "user", "workingDirectory", "entrypoint", "cmd",
            "layers");
    private static final Set<String> FROM = Set.of("image", "platforms");
    /** Jib CLI's prefix for "pull from a registry", its default; its others name images on the build machine. */
    static final String REGISTRY_PREFIX = "registry://";
    private static final List<String> LOCAL_PREFIXES = List.of("docker://", "tar://");
    private static final Set<String> PLATFORM = Set.of("architecture", "os");
    private static final Set<String> LAYERS = Set.of("properties", "entries");
    private static final Set<String> ENTRY = Set.of("name", "properties", "files", "archive", "mediaType");
    private static final Set<String> FILES = Set.of("src", "dest", "includes", "excludes", "properties");
    private static final Set<String> PROPERTIES = Set.of("filePermissions", "directoryPermissions", "user", "group",
            "timestamp");
    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?(?:/(tcp|udp))?");
    private static final Pattern PERMISSIONS = Pattern.compile("[0-7]{3}");
    private static final DateTimeFormatter ISO_8601 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_DATE_TIME)
            .optionalStart().appendOffset("+HHmm", "+0000").optionalEnd()
            .toFormatter();

    private final YamlDocument yaml;
    private final JsonNode root;
    private final List<JibTemplates.Missing> missing;

    private JibYamlAnalyzer(YamlDocument yaml, List<JibTemplates.Missing> missing) {
        this.yaml = yaml;
        this.root = yaml.root();
        this.missing = missing;
    }

    static BuildFileAnalysis analyze(String content, Map<String, String> args, Platform defaultPlatform) {
        JibTemplates.Filled filled = JibTemplates.fill(content, args);
        if (filled.content().length() > BuildFileAnalyzer.MAX_CONTENT_CHARS) {
            throw new BuildFileSyntaxException(1, "the jib.yaml is longer than " + BuildFileAnalyzer.MAX_CONTENT_CHARS
                    + " characters once its templates are filled");
        }
        return new JibYamlAnalyzer(YamlDocument.parse(filled.content(), "jib.yaml"), filled.missing())
                .analyze(defaultPlatform);
    }

    private BuildFileAnalysis analyze(Platform defaultPlatform) {
        missing.forEach(m -> yaml.problems().add(new BuildFileProblem(m.line(), Optional.empty(), Optional.empty(),
                "template ${" + m.name() + "} has no value: add " + m.name() + " to the task's args, or write ${"
                        + m.name() + ":-default}", false)));
        yaml.onlyKnownFields(root, "", TOP_LEVEL);
        constant("apiVersion", API_VERSION);
        constant("kind", KIND);

        Optional<JsonNode> from = yaml.mapping(root, "from", "from");
        from.ifPresent(f -> yaml.onlyKnownFields(f, "from", FROM));
        Optional<String> image = from.flatMap(f -> yaml.text(f, "image", "from.image"));
        if (from.isPresent() && image.isEmpty()) {
            yaml.problem("from.image", "from needs an image; leave out from to build FROM scratch");
        }
        StageBase base = image.map(this::base).orElseGet(StageBase.Scratch::new);
        // Listed platforms that are all invalid leave the platform unknown (the problems say why).
        Optional<List<Platform>> listed = from.flatMap(this::platforms);
        List<Platform> platforms = listed.orElse(List.of(defaultPlatform));
        List<Optional<Platform>> pulled = platforms.isEmpty()
                ? List.of(Optional.empty())
                : platforms.stream().map(Optional::of).toList();

        int line = image.isPresent() ? yaml.line("from.image") : 1;
        Stage stage = new Stage(0, Optional.empty(), line, image.orElse(DockerfileAnalyzer.SCRATCH), base,
                Optional.empty());
        List<Dependency> dependencies = new ArrayList<>();
        if (base instanceof StageBase.Image i) {
            pulled.forEach(p -> dependencies.add(
                    new Dependency(i.reference(), 0, true, p, line, Dependency.Via.FROM)));
        }

        ImageRecipe recipe = new ImageRecipe(
                base instanceof StageBase.Image i ? Optional.of(i.reference()) : Optional.empty(),
                platforms,
                yaml.textMap(root, "environment", "environment").orElse(Map.of()),
                yaml.textMap(root, "labels", "labels").orElse(Map.of()),
                ports(),
                absolutePaths("volumes"),
                yaml.text(root, "user", "user"),
                yaml.text(root, "workingDirectory", "workingDirectory").filter(p -> absolute(p, "workingDirectory")),
                yaml.texts(root, "entrypoint", "entrypoint"),
                yaml.texts(root, "cmd", "cmd"),
                yaml.text(root, "creationTime", "creationTime").flatMap(t -> instant(t, "creationTime")),
                format(),
                layers());
        List<BuildFileProblem> problems = yaml.problems();
        problems.sort(Comparator.comparingInt(BuildFileProblem::line));
        // A jib.yaml is Jib's own format: no other engine reads it.
        return new BuildFileAnalysis(BuildFileKind.JIB_YAML, List.of(stage), dependencies, problems,
                problems.isEmpty() ? Optional.of(recipe) : Optional.empty(),
                problems.isEmpty() ? Optional.of(new EngineChoice(Engine.JIB, "a jib.yaml is built by Jib"))
                        : Optional.empty());
    }

    private void constant(String field, String expected) {
        Optional<String> value = yaml.text(root, field, field);
        if (value.isEmpty()) {
            yaml.problem(field, "missing " + field + ": a jib.yaml starts with apiVersion: " + API_VERSION
                    + " and kind: " + KIND);
        } else if (!value.get().equals(expected)) {
            yaml.problem(field, field + " must be " + expected + ", got \"" + value.get() + "\"");
        }
    }

    private StageBase base(String written) {
        String image = written.startsWith(REGISTRY_PREFIX) ? written.substring(REGISTRY_PREFIX.length()) : written;
        if (image.equals(DockerfileAnalyzer.SCRATCH)) {
            return new StageBase.Scratch();
        }
        if (LOCAL_PREFIXES.stream().anyMatch(image::startsWith)) {
            yaml.problem("from.image", "drydock pulls bases from registries: " + image.substring(0, image.indexOf(':'))
                    + ":// names an image on the machine that runs Jib CLI; write the registry reference, "
                    + "optionally with registry://");
            return new StageBase.Unresolved();
        }
        try {
            return new StageBase.Image(ImageReference.parse(image));
        } catch (InvalidReferenceException e) {
            if (!missing.isEmpty() && image.contains("${")) {
                return new StageBase.Unresolved();
            }
            yaml.problem("from.image", "\"" + image + "\" is not a valid image reference: " + e.reason());
            return new StageBase.Unresolved();
        }
    }

    /** The valid platforms of a non-empty {@code from.platforms}; empty when none are listed. */
    private Optional<List<Platform>> platforms(JsonNode from) {
        Optional<JsonNode> listed = yaml.list(from, "platforms", "from.platforms").filter(l -> !l.isEmpty());
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        List<Platform> platforms = new ArrayList<>();
        listed.ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                String path = "from.platforms[" + i + "]";
                JsonNode item = list.get(i);
                if (!item.isObject()) {
                    yaml.problem(path, "must be a mapping with architecture and os, e.g. {architecture: arm64, "
                            + "os: linux}");
                    continue;
                }
                yaml.onlyKnownFields(item, path, PLATFORM);
                Optional<String> os = required(item, "os", path);
                Optional<String> architecture = required(item, "architecture", path);
                if (os.isPresent() && architecture.isPresent()) {
                    try {
                        platforms.add(Platform.of(os.get(), architecture.get()));
                    } catch (IllegalArgumentException e) {
                        yaml.problem(path, e.getMessage());
                    }
                }
            }
        });
        return Optional.of(platforms);
    }

    private Optional<String> required(JsonNode parent, String field, String path) {
        String fieldPath = YamlDocument.join(path, field);
        Optional<String> value = yaml.text(parent, field, fieldPath);
        if (value.isEmpty() && (parent.get(field) == null || parent.get(field).isNull())) {
            yaml.problem(fieldPath, "missing " + field);
        }
        return value.filter(v -> !v.isEmpty());
    }

    private List<String> ports() {
        List<String> ports = yaml.texts(root, "exposedPorts", "exposedPorts").orElse(List.of());
        for (int i = 0; i < ports.size(); i++) {
            var m = PORT.matcher(ports.get(i));
            if (!m.matches() || !inRange(m.group(1)) || m.group(2) != null && !inRange(m.group(2))) {
                yaml.problem("exposedPorts[" + i + "]", "invalid port \"" + ports.get(i)
                        + "\": use <port>[-<port>][/tcp|/udp] with ports 1 to 65535, e.g. 8080 or 53/udp");
            }
        }
        return ports;
    }

    private static boolean inRange(String port) {
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private List<String> absolutePaths(String field) {
        List<String> paths = yaml.texts(root, field, field).orElse(List.of());
        for (int i = 0; i < paths.size(); i++) {
            absolute(paths.get(i), field + "[" + i + "]");
        }
        return paths;
    }

    private boolean absolute(String path, String where) {
        if (!path.startsWith("/")) {
            yaml.problem(where, "must be an absolute path, got \"" + path + "\"");
            return false;
        }
        return true;
    }

    private Optional<Instant> instant(String text, String path) {
        try {
            return Optional.of(text.matches("-?[0-9]+")
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : ISO_8601.parse(text, Instant::from));
        } catch (DateTimeException | NumberFormatException e) {
            yaml.problem(path, "\"" + text + "\" is neither milliseconds since the epoch nor an ISO 8601 time "
                    + "with an offset, e.g. 2024-05-01T12:00:00Z");
            return Optional.empty();
        }
    }

    private Optional<Format> format() {
        return yaml.text(root, "format", "format").flatMap(text -> switch (text) {
            case "Docker" -> Optional.of(Format.DOCKER);
            case "OCI" -> Optional.of(Format.OCI);
            default -> {
                yaml.problem("format", "format must be Docker or OCI, got \"" + text + "\"");
                yield Optional.empty();
            }
        });
    }

    private List<Layer> layers() {
        Optional<JsonNode> layers = yaml.mapping(root, "layers", "layers");
        if (layers.isEmpty()) {
            return List.of();
        }
        yaml.onlyKnownFields(layers.get(), "layers", LAYERS);
        FileProperties defaults = properties(layers.get(), "layers");
        List<Layer> result = new ArrayList<>();
        yaml.list(layers.get(), "entries", "layers.entries").ifPresent(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                layer(entries.get(i), "layers.entries[" + i + "]", defaults).ifPresent(result::add);
            }
        });
        return result;
    }

    private Optional<Layer> layer(JsonNode entry, String path, FileProperties defaults) {
        if (!entry.isObject()) {
            yaml.problem(path, "must be a mapping with name and files");
            return Optional.empty();
        }
        yaml.onlyKnownFields(entry, path, ENTRY);
        Optional<String> name = required(entry, "name", path);
        if (entry.has("archive")) {
            yaml.problem(path + ".archive", "archive layers are not supported by drydock yet: list the files "
                    + "under files instead");
            return Optional.empty();
        }
        FileProperties layerDefaults = properties(entry, path).orElse(defaults);
        List<FileCopy> copies = new ArrayList<>();
        Optional<JsonNode> files = yaml.list(entry, "files", path + ".files");
        if (files.isEmpty() && !entry.has("files")) {
            yaml.problem(path + ".files", "missing files: a layer lists the files it copies");
        }
        files.ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                copy(list.get(i), path + ".files[" + i + "]", layerDefaults).ifPresent(copies::add);
            }
        });
        return name.map(n -> new Layer(n, copies));
    }

    private Optional<FileCopy> copy(JsonNode file, String path, FileProperties defaults) {
        if (!file.isObject()) {
            yaml.problem(path, "must be a mapping with src and dest");
            return Optional.empty();
        }
        yaml.onlyKnownFields(file, path, FILES);
        Optional<String> src = required(file, "src", path);
        Optional<String> dest = required(file, "dest", path).filter(d -> absolute(d, path + ".dest"));
        List<String> includes = yaml.texts(file, "includes", path + ".includes").orElse(List.of());
        List<String> excludes = yaml.texts(file, "excludes", path + ".excludes").orElse(List.of());
        FileProperties properties = properties(file, path).orElse(defaults);
        if (src.isEmpty() || dest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileCopy(src.get(), dest.get(), includes, excludes, properties));
    }

    private FileProperties properties(JsonNode parent, String parentPath) {
        String path = parentPath + ".properties";
        Optional<JsonNode> node = yaml.mapping(parent, "properties", path);
        if (node.isEmpty()) {
            return FileProperties.DEFAULTS;
        }
        yaml.onlyKnownFields(node.get(), path, PROPERTIES);
        return new FileProperties(
                permissions(node.get(), "filePermissions", path),
                permissions(node.get(), "directoryPermissions", path),
                yaml.text(node.get(), "user", path + ".user"),
                yaml.text(node.get(), "group", path + ".group"),
                yaml.text(node.get(), "timestamp", path + ".timestamp")
                        .filter(t -> instant(t, path + ".timestamp").isPresent()));
    }

    private Optional<String> permissions(JsonNode properties, String field, String path) {
        String fieldPath = path + "." + field;
        return yaml.text(properties, field, fieldPath).filter(p -> {
            if (!PERMISSIONS.matcher(p).matches()) {
                yaml.problem(fieldPath, field + " must be three octal digits such as 644, got \"" + p + "\"");
                return false;
            }
            return true;
        });
    }
}
