package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The task options of {@code task create} and {@code task update}, shaped like {@code az acr task create}. */
final class TaskFields {

    /** A local context is sent as inline files; past this many bytes it is refused here rather than by the server. */
    static final long MAX_LOCAL_CONTEXT_BYTES = 1024 * 1024;

    @Option(names = {"-c", "--context"}, paramLabel = "CONTEXT",
            description = "a git URL[#ref[:directory]], or a local directory sent as inline files")
    String context;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "the build file in the context (Dockerfile, or a jib.yaml)")
    String file;

    @Option(names = {"-t", "--image"}, paramLabel = "IMAGE", description = "a target image (repeatable)")
    List<String> images;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a build argument (repeatable)")
    Map<String, String> args;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "a platform to build (repeatable)")
    List<String> platforms;

    @Option(names = "--base-image-trigger-enabled", arity = "1", paramLabel = "BOOL", description = "rebuild when a base changes (default true)")
    Boolean baseImageTrigger;

    @Option(names = "--base-image-trigger-type", paramLabel = "TYPE", description = "Runtime (the final FROM) or All")
    String baseImageTriggerType;

    @Option(names = "--commit-trigger-enabled", arity = "1", paramLabel = "BOOL", description = "build on a git push")
    Boolean commitTrigger;

    @Option(names = "--branch", description = "the branch whose pushes build (commit trigger)")
    String branch;

    @Option(names = "--schedule", paramLabel = "[NAME=]CRON", description = "a timer, 5-field cron in UTC (repeatable)")
    List<String> schedules;

    @Option(names = "--credentials", paramLabel = "SET", description = "a credential set for the git repository or registries")
    String credentials;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "a run taking longer ends as Timeout")
    Integer timeout;

    @Option(names = "--engine", description = "jib or buildah (default: what the analysis chooses)")
    String engine;

    @Option(names = "--target", description = "the Dockerfile stage to build")
    String target;

    @Option(names = "--rebase-image", paramLabel = "IMAGE", description = "instead of a context: rebase this image built elsewhere")
    String rebaseImage;

    @Option(names = "--rebase-base", paramLabel = "IMAGE", description = "the rebased image's base (default: read from the image)")
    String rebaseBase;

    @Option(names = "--spec", paramLabel = "FILE", description = "the task as JSON (a file, or - for stdin); options override its fields")
    String specFile;

    /** The task JSON the options describe; for a patch, only what they name. */
    ObjectNode spec(boolean patch) {
        ObjectNode spec = specFile == null ? Api.JSON.createObjectNode() : read(specFile);
        if (context != null) {
            spec.set("source", source(context));
        }
        put(spec, "buildFile", file != null ? file : patch || spec.has("buildFile") || rebaseImage != null || spec.has("rebase")
                ? null : "Dockerfile");
        if (images != null) {
            ArrayNode list = spec.putArray("images");
            images.forEach(list::add);
        }
        if (args != null) {
            ObjectNode map = spec.putObject("args");
            args.forEach(map::put);
        }
        if (platforms != null) {
            ArrayNode list = spec.putArray("platforms");
            platforms.forEach(list::add);
        }
        triggers(spec);
        put(spec, "credentials", credentials);
        if (timeout != null) {
            spec.put("timeoutSeconds", timeout);
        }
        put(spec, "engine", engine);
        put(spec, "target", target);
        if (rebaseImage != null || rebaseBase != null) {
            ObjectNode rebase = object(spec, "rebase");
            put(rebase, "image", rebaseImage);
            put(rebase, "base", rebaseBase);
        }
        return spec;
    }

    private void triggers(ObjectNode spec) {
        if (baseImageTrigger != null || baseImageTriggerType != null) {
            ObjectNode base = object(object(spec, "triggers"), "baseImage");
            if (baseImageTrigger != null) {
                base.put("enabled", baseImageTrigger);
            }
            put(base, "scope", baseImageTriggerType == null ? null : baseImageTriggerType.toLowerCase(java.util.Locale.ROOT));
        }
        if (commitTrigger != null || branch != null) {
            ObjectNode commit = object(object(spec, "triggers"), "commit");
            if (commitTrigger != null) {
                commit.put("enabled", commitTrigger);
            }
            put(commit, "branch", branch);
        }
        if (schedules != null) {
            ArrayNode timers = object(spec, "triggers").putArray("timers");
            int n = 0;
            for (String schedule : schedules) {
                n++;
                int eq = schedule.indexOf('=');
                boolean named = eq > 0 && !schedule.substring(0, eq).contains(" ");
                timers.addObject().put("name", named ? schedule.substring(0, eq) : "t" + n)
                        .put("schedule", named ? schedule.substring(eq + 1) : schedule);
            }
        }
    }

    /** {@code https://host/repo.git#ref:dir} as az writes it, or a local directory read into inline files. */
    static ObjectNode source(String context) {
        ObjectNode source = Api.JSON.createObjectNode();
        if (context.matches("^(https?|ssh|git|file)://.*") || context.startsWith("git@")) {
            String url = context;
            String ref = null;
            String dir = null;
            int hash = context.indexOf('#');
            if (hash >= 0) {
                url = context.substring(0, hash);
                String fragment = context.substring(hash + 1);
                int colon = fragment.indexOf(':');
                ref = colon >= 0 ? fragment.substring(0, colon) : fragment;
                dir = colon >= 0 ? fragment.substring(colon + 1) : null;
            }
            ObjectNode git = source.putObject("git").put("url", url);
            put(git, "ref", ref == null || ref.isEmpty() ? null : ref);
            put(git, "context", dir == null || dir.isEmpty() ? null : dir);
            return source;
        }
        source.putObject("inline").set("files", localFiles(Path.of(context)));
        return source;
    }

    /** Regular files under the directory; links are skipped (never followed out), {@code .git} is left out. */
    private static ObjectNode localFiles(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException("--context: " + dir + " is neither a git URL nor a directory", 2);
        }
        ObjectNode files = Api.JSON.createObjectNode();
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path relative = dir.relativize(path);
                if (relative.toString().isEmpty() || relative.getName(0).toString().equals(".git")
                        || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                total[0] += Files.size(path);
                if (total[0] > MAX_LOCAL_CONTEXT_BYTES) {
                    throw new CliException("--context: " + dir + " holds more than " + MAX_LOCAL_CONTEXT_BYTES
                            + " bytes; put it in a git repository instead", 2);
                }
                files.put(relative.toString().replace('\\', '/'), Files.readString(path));
            }
        } catch (IOException e) {
            throw new CliException("--context: cannot read " + dir + ": " + e.getMessage(), 2);
        }
        return files;
    }

    private static ObjectNode read(String file) {
        try {
            JsonNode node = "-".equals(file) ? Api.JSON.readTree(System.in) : Api.JSON.readTree(Path.of(file).toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new CliException("--spec: " + file + " is not a JSON object", 2);
            }
            return object;
        } catch (IOException e) {
            throw new CliException("--spec: cannot read " + file + ": " + e.getMessage(), 2);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ObjectNode object ? object : parent.putObject(field);
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
