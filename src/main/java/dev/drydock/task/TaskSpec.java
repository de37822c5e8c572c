package dev.drydock.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task as registered: where the source is, how to build it, where the image goes and what triggers it. A task with
 * {@link #rebase} has no source and no build file: it rebases an image built elsewhere.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
        @Schema(description = "Unique name: lower-case letters, digits and dashes", examples = "app-base") String name,
        Source source,
        @Schema(description = "Build file path inside the context; a name ending in .yaml/.yml is a Jib build file", examples = "Dockerfile")
        String buildFile,
        @Schema(description = "Build arguments (Dockerfile ARG)") Map<String, String> args,
        @Schema(description = "Target images in the private registry; tags may use {{run.id}}, {{git.commit}}, {{git.short}}, {{date}}",
                examples = "[\"127.0.0.1:5000/team/app:latest\"]")
        List<String> images,
        @Schema(description = "Platforms to build, os/arch[/variant]; empty: the base's default") List<String> platforms,
        Triggers triggers,
        @Schema(description = "Credential set for the git repository or registries") String credentials,
        @Schema(description = "A run taking longer ends as Timeout", examples = "600") Integer timeoutSeconds,
        @Schema(description = "Force a build engine: jib or buildah (rebase is for rebase tasks); default: what the analysis chose",
                examples = "buildah") String engine,
        @Schema(description = "The Dockerfile stage to build (its AS name), as docker build --target; default: the last "
                + "stage. Later stages are not built, and their bases are not dependencies", examples = "runtime")
        String target,
        @Schema(description = "RUN --mount=type=secret ids → the credential set whose password is the secret (buildah builds)",
                examples = "{\"npmrc\": \"npm-token\"}") Map<String, String> secrets,
        @Schema(description = "Instead of source and buildFile: rebase an image built elsewhere onto its base's current digest")
        Rebase rebase,
        @Schema(description = "Image creation time: epoch (default, 1970-01-01) or commit (the commit's time, as "
                + "SOURCE_DATE_EPOCH; git sources only)", examples = "commit") String created) {

    /** Whether this task rebases an image built elsewhere rather than building a source. */
    public boolean rebasing() {
        return rebase != null;
    }

    /** A copy with other triggers, everything else the same. */
    public TaskSpec withTriggers(Triggers triggers) {
        return new TaskSpec(name, source, buildFile, args, images, platforms, triggers, credentials, timeoutSeconds,
                engine, target, secrets, rebase, created);
    }

    /** A copy with another name, everything else the same. */
    public TaskSpec withName(String name) {
        return new TaskSpec(name, source, buildFile, args, images, platforms, triggers, credentials, timeoutSeconds,
                engine, target, secrets, rebase, created);
    }

    /** A copy with another source, everything else the same. */
    public TaskSpec withSource(Source source) {
        return new TaskSpec(name, source, buildFile, args, images, platforms, triggers, credentials, timeoutSeconds,
                engine, target, secrets, rebase, created);
    }

    public record Source(Git git, Inline inline) {}

    /** The {@code crane rebase} model: the image CI pushes, and the base it was built on. */
    public record Rebase(
            @Schema(description = "The image CI builds and pushes; drydock watches it", examples = "ghcr.io/acme/app:1.4")
            String image,
            @Schema(description = "Its base; when left out, read from the image's org.opencontainers.image.base.name "
                    + "annotation or label", examples = "docker.io/library/eclipse-temurin:21-jre")
            String base) {}

    public record Git(@Schema(examples = "https://github.com/acme/app.git") String url,
            @Schema(examples = "main") String ref,
            @Schema(description = "Directory inside the repository used as build context", examples = ".") String context) {}

    public record Inline(@Schema(description = "path → content") Map<String, String> files) {}

    public record Triggers(BaseImage baseImage, Commit commit, List<Timer> timers) {}

    public record BaseImage(Boolean enabled, @Schema(description = "runtime (final FROM only) or all", examples = "runtime") String scope) {}

    public record Commit(Boolean enabled, @Schema(examples = "main") String branch,
            @Schema(description = "Webhook secret for this task (write-only; stored encrypted)")
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String secret) {}

    public record Timer(@Schema(examples = "nightly") String name,
            @Schema(description = "5-field cron, UTC", examples = "0 3 * * *") String schedule, Boolean enabled) {}
}
