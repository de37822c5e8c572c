package dev.drydock.task;

import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceConfig;
import dev.drydock.source.SourceException;
import dev.drydock.source.SourcePaths;
import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a task definition field by field and fills in defaults; every error names its field. */
@ApplicationScoped
public class TaskValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})");
    static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(run\\.id|git\\.commit|git\\.short|date)\\s*}}");
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Inject
    CredentialService credentials;

    @Inject
    SourceConfig sources;

    public TaskSpec validate(TaskSpec s) {
        if (s == null) {
            throw ProblemException.badRequest("name", "a JSON body describing the task is required");
        }
        if (s.name() == null || !NAME.matcher(s.name()).matches()) {
            throw ProblemException.badRequest("name",
                    "name must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        if (s.rebase() != null) {
            return validateRebase(s);
        }
        TaskSpec.Source source = source(s.source());
        String buildFile = s.buildFile() == null || s.buildFile().isBlank() ? "Dockerfile" : s.buildFile().strip();
        safePath(buildFile, "buildFile");
        Map<String, String> args = s.args() == null ? Map.of() : new LinkedHashMap<>(s.args());
        List<String> images = images(s.images());
        List<String> platforms = platforms(s.platforms());
        TaskSpec.Triggers triggers = triggers(s.triggers(), source);
        if (s.credentials() != null && credentials.find(s.credentials()).isEmpty()) {
            throw ProblemException.badRequest("credentials", "no credential set named '" + s.credentials() + "'");
        }
        int timeout = timeout(s);
        return new TaskSpec(s.name(), source, buildFile, args, images, platforms, triggers, s.credentials(), timeout,
                engine(s), target(s, buildFile), secrets(s.secrets()), null, ImageTimestamp.validate(s.created(), source));
    }

    /**
     * A rebase task: no source, build file, args or platforms (drydock builds nothing), the image CI pushes, and its
     * base when given. A base left out is read from the image at registration ({@link RebaseBases}).
     */
    private TaskSpec validateRebase(TaskSpec s) {
        for (var field : List.of(Map.entry("source", s.source() != null), Map.entry("buildFile", s.buildFile() != null),
                Map.entry("args", s.args() != null && !s.args().isEmpty()),
                Map.entry("platforms", s.platforms() != null && !s.platforms().isEmpty()),
                Map.entry("secrets", s.secrets() != null && !s.secrets().isEmpty()),
                Map.entry("target", s.target() != null),
                Map.entry("created", s.created() != null),
                Map.entry("engine", s.engine() != null && !s.engine().isBlank() && !s.engine().strip().equals("rebase")))) {
            if (field.getValue()) {
                throw ProblemException.badRequest(field.getKey(), "a rebase task has no " + field.getKey()
                        + ": drydock does not build it, it rebases the image CI pushed");
            }
        }
        String image = reference(s.rebase().image(), "rebase.image");
        if (image == null) {
            throw ProblemException.badRequest("rebase.image", "rebase.image is required: the image CI pushes");
        }
        String base = reference(s.rebase().base(), "rebase.base");
        if (image.equals(base)) {
            throw ProblemException.badRequest("rebase.base", "rebase.base cannot be the image itself");
        }
        List<String> images = images(s.images());
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).equals(image)) {
                throw ProblemException.badRequest("images[" + i + "]", "a target cannot be rebase.image itself: "
                        + "each push would trigger the next rebase");
            }
        }
        if (s.triggers() != null && s.triggers().commit() != null) {
            throw ProblemException.badRequest("triggers.commit", "a rebase task has no git source to trigger on");
        }
        TaskSpec.Triggers triggers = triggers(s.triggers(), null);
        if (s.credentials() != null && credentials.find(s.credentials()).isEmpty()) {
            throw ProblemException.badRequest("credentials", "no credential set named '" + s.credentials() + "'");
        }
        return new TaskSpec(s.name(), null, null, Map.of(), images, List.of(), triggers, s.credentials(), timeout(s),
                null, null, null, new TaskSpec.Rebase(image, base), null);
    }

    /** The normalised reference, or null when none is given. */
    private static String reference(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ImageReference.parse(value.strip()).toString();
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static int timeout(TaskSpec s) {
        int timeout = s.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : s.timeoutSeconds();
        if (timeout < 1 || timeout > 86_400) {
            throw ProblemException.badRequest("timeoutSeconds", "timeoutSeconds must be between 1 and 86400");
        }
        return timeout;
    }

    private static String engine(TaskSpec s) {
        if (s.engine() == null || s.engine().isBlank()) {
            return null;
        }
        return Engine.parse(s.engine()).map(Engine::wire).orElseThrow(() -> ProblemException.badRequest("engine",
                "engine must be jib, buildah or rebase (or left out: the analysis chooses)"));
    }

    /** A stage name, checked against the Dockerfile's stages when it is analysed. */
    private static String target(TaskSpec s, String buildFile) {
        if (s.target() == null) {
            return null;
        }
        if (BuildFileKind.ofFileName(buildFile) != BuildFileKind.DOCKERFILE) {
            throw ProblemException.badRequest("target", "target names a Dockerfile stage, and " + buildFile
                    + " is a jib.yaml, which has one");
        }
        if (s.target().isBlank()) {
            throw ProblemException.badRequest("target", "target must name a stage (FROM <image> AS <name>), or be left "
                    + "out to build the last stage");
        }
        return s.target().strip();
    }

    private Map<String, String> secrets(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, String> secret : given.entrySet()) {
            String id = secret.getKey();
            if (id == null || !SECRET_ID.matcher(id).matches()) {
                throw ProblemException.badRequest("secrets", "a secret id is 1-64 letters, digits, '.', '_' or '-'");
            }
            String credential = secret.getValue();
            if (credential == null || credentials.find(credential).isEmpty()) {
                throw ProblemException.badRequest("secrets." + id, "no credential set named '" + credential
                        + "': a secret names the credential set whose password it is");
            }
            secrets.put(id, credential);
        }
        return secrets;
    }

    /** Output images with a literal tag, normalised: the ones other tasks can build FROM. */
    public List<String> literalOutputs(TaskSpec spec) {
        return spec.images().stream().filter(i -> !i.contains("{{")).map(i -> ImageReference.parse(i).toString()).toList();
    }

    private TaskSpec.Source source(TaskSpec.Source source) {
        if (source == null || (source.git() == null) == (source.inline() == null)) {
            throw ProblemException.badRequest("source", "source needs exactly one of git or inline");
        }
        if (source.git() != null) {
            TaskSpec.Git git = source.git();
            if (git.url() == null || git.url().isBlank()) {
                throw ProblemException.badRequest("source.git.url", "source.git.url is required");
            }
            String url;
            try {
                url = new GitUrlPolicy(sources.allowInsecureUrls()).check(git.url());
            } catch (SourceException e) {
                throw ProblemException.badRequest("source.git.url", e.getMessage());
            }
            String ref = git.ref() == null || git.ref().isBlank() ? "main" : git.ref().strip();
            String context = git.context() == null || git.context().isBlank() ? "." : git.context().strip();
            if (!context.equals(".")) {
                safePath(context, "source.git.context");
            }
            return new TaskSpec.Source(new TaskSpec.Git(url, ref, context), null);
        }
        Map<String, String> files = source.inline().files();
        if (files == null || files.isEmpty()) {
            throw ProblemException.badRequest("source.inline.files", "source.inline.files needs at least the build file");
        }
        files.keySet().forEach(path -> safePath(path, "source.inline.files"));
        files.forEach((path, content) -> {
            if (content != null && content.length() > BuildFileAnalyzer.MAX_CONTENT_CHARS) {
                throw ProblemException.badRequest("source.inline.files", "the inline file " + path + " is longer than "
                        + BuildFileAnalyzer.MAX_CONTENT_CHARS + " characters, the most a build file may have");
            }
        });
        try {
            SourcePaths.requireNoClash(files.keySet(), "inline file");
        } catch (SourceException e) {
            throw ProblemException.badRequest("source.inline.files", e.getMessage());
        }
        return new TaskSpec.Source(null, new TaskSpec.Inline(new LinkedHashMap<>(files)));
    }

    private List<String> images(List<String> images) {
        if (images == null || images.isEmpty()) {
            throw ProblemException.badRequest("images", "images needs at least one target in the private registry");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String field = "images[" + i + "]";
            String image = images.get(i) == null ? "" : images.get(i).strip();
            String literal = TEMPLATE.matcher(image).replaceAll("x");
            if (literal.contains("{{")) {
                throw ProblemException.badRequest(field, "unknown template in " + image
                        + "; known: {{run.id}}, {{git.commit}}, {{git.short}}, {{date}}");
            }
            ImageReference ref;
            try {
                ref = ImageReference.parse(literal);
            } catch (InvalidReferenceException e) {
                throw ProblemException.badRequest(field, e.getMessage());
            }
            if (ref.digest().isPresent()) {
                throw ProblemException.badRequest(field, "a target is a tag to push to, not a digest");
            }
            if (!ref.registry().equalsIgnoreCase(privateRegistry.host())) {
                throw ProblemException.badRequest(field, "targets go to the private registry " + privateRegistry.host()
                        + ", not " + ref.registry());
            }
            result.add(image.contains("{{") ? image : ref.toString());
        }
        return result;
    }

    private static List<String> platforms(List<String> platforms) {
        if (platforms == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
            try {
                result.add(Platform.parse(platforms.get(i)).toString());
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("platforms[" + i + "]", e.getMessage());
            }
        }
        return result;
    }

    private static TaskSpec.Triggers triggers(TaskSpec.Triggers t, TaskSpec.Source source) {
        TaskSpec.BaseImage base = t == null || t.baseImage() == null ? null : t.baseImage();
        String scope = base == null || base.scope() == null ? "runtime" : base.scope();
        if (!scope.equals("runtime") && !scope.equals("all")) {
            throw ProblemException.badRequest("triggers.baseImage.scope", "scope must be runtime or all");
        }
        TaskSpec.BaseImage baseImage = new TaskSpec.BaseImage(base == null || base.enabled() == null || base.enabled(), scope);
        TaskSpec.Commit commit = t == null ? null : t.commit();
        boolean git = source != null && source.git() != null;
        if (commit != null && Boolean.TRUE.equals(commit.enabled()) && !git) {
            throw ProblemException.badRequest("triggers.commit", "a commit trigger needs a git source");
        }
        if (commit != null) {
            String branch = commit.branch() == null || commit.branch().isBlank()
                    ? (git ? source.git().ref() : null) : commit.branch().strip();
            commit = new TaskSpec.Commit(commit.enabled() == null || commit.enabled(), branch, commit.secret());
        }
        List<TaskSpec.Timer> timers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<TaskSpec.Timer> given = t == null || t.timers() == null ? List.of() : t.timers();
        for (int i = 0; i < given.size(); i++) {
            TaskSpec.Timer timer = given.get(i);
            String field = "triggers.timers[" + i + "]";
            if (timer.name() == null || !NAME.matcher(timer.name()).matches() || !names.add(timer.name())) {
                throw ProblemException.badRequest(field + ".name", "each timer needs a unique name of lower-case letters, digits or dashes");
            }
            try {
                CronSchedules.toQuartz(timer.schedule());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field + ".schedule", e.getMessage());
            }
            timers.add(new TaskSpec.Timer(timer.name(), timer.schedule().strip(), timer.enabled() == null || timer.enabled()));
        }
        return new TaskSpec.Triggers(baseImage, commit, timers);
    }

    /** The same path rule the checkout applies ({@link SourcePaths}), so a task that registers also checks out. */
    private static void safePath(String path, String field) {
        try {
            SourcePaths.normalise(path, field);
        } catch (SourceException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }
}
