package dev.drydock.graph.buildfile;

import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the final image needs, in terms Jib core can build: a base, configuration and layers of files
 * copied from the build context. An empty {@code Optional} means "not set by the build file": Jib keeps
 * the base image's value (or its own default).
 *
 * <p>Values are substituted with the build file's own ARG and ENV values. A variable the build file
 * does not define (e.g. {@code $PATH} in {@code ENV PATH=$PATH:/app/bin}) is kept as written, because
 * only the base image's configuration can resolve it; the builder expands such references against the
 * base image's environment. A relative {@code workingDirectory} or {@code dest} (WORKDIR or COPY before
 * any absolute WORKDIR) is relative to the base image's working directory.
 *
 * @param base the image to build FROM, normalised; empty for {@code scratch}
 * @param platforms the platforms to build, at least one
 * @param environment ENV or {@code environment}, in order of definition
 * @param labels LABEL or {@code labels}
 * @param exposedPorts e.g. {@code 8080}, {@code 53/udp}, {@code 8000-8010/tcp}
 * @param volumes absolute paths
 * @param entrypoint an empty list clears the base image's entrypoint
 * @param cmd an empty list clears the base image's command (ENTRYPOINT without CMD in its stage does)
 * @param creationTime jib.yaml {@code creationTime}; Jib's default (the epoch) when empty
 * @param format jib.yaml {@code format}; Jib's default (Docker) when empty
 * @param layers in order, each becomes one image layer
 */
public record ImageRecipe(
        Optional<ImageReference> base,
        List<Platform> platforms,
        Map<String, String> environment,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        Optional<String> user,
        Optional<String> workingDirectory,
        Optional<List<String>> entrypoint,
        Optional<List<String>> cmd,
        Optional<Instant> creationTime,
        Optional<Format> format,
        List<Layer> layers) {

    public ImageRecipe {
        Objects.requireNonNull(base, "base");
        platforms = List.copyOf(platforms);
        environment = ordered(environment);
        labels = ordered(labels);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        entrypoint = entrypoint.map(List::copyOf);
        cmd = cmd.map(List::copyOf);
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(format, "format");
        layers = List.copyOf(layers);
    }

    // Map.copyOf would lose the order of definition, which users see and Jib keeps.
    private static Map<String, String> ordered(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Image manifest and configuration format. */
    public enum Format {
        DOCKER,
        OCI
    }

    /** One image layer: a name for logs and the files it holds. */
    public record Layer(String name, List<FileCopy> files) {
        public Layer {
            Objects.requireNonNull(name, "name");
            files = List.copyOf(files);
        }
    }

    /**
     * Files from the build context put into the image.
     *
     * @param src a file or directory relative to the build context; for Dockerfiles it may hold the
     *     wildcards COPY accepts ({@code *}, {@code ?}, {@code [..]})
     * @param dest where they go; ending in {@code /} means "into this directory"
     * @param includes globs relative to {@code src} (jib.yaml); empty copies everything
     * @param excludes globs relative to {@code src} (jib.yaml {@code excludes}, COPY {@code --exclude})
     * @param properties ownership, permissions and timestamps
     */
    public record FileCopy(String src, String dest, List<String> includes, List<String> excludes,
            FileProperties properties) {
        public FileCopy {
            Objects.requireNonNull(src, "src");
            Objects.requireNonNull(dest, "dest");
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
            Objects.requireNonNull(properties, "properties");
        }
    }

    /**
     * File properties; each empty one takes Jib's default (files 644, directories 755, owner 0:0,
     * modification time the epoch plus one second).
     *
     * @param filePermissions three octal digits, e.g. {@code 644} (COPY {@code --chmod} sets both)
     * @param directoryPermissions three octal digits, e.g. {@code 755}
     * @param user name or numeric id (COPY {@code --chown})
     * @param group name or numeric id; a numeric {@code --chown} user without a group sets the same id
     * @param timestamp milliseconds since the epoch or an ISO 8601 instant, as written
     */
    public record FileProperties(Optional<String> filePermissions, Optional<String> directoryPermissions,
            Optional<String> user, Optional<String> group, Optional<String> timestamp) {

        public static final FileProperties DEFAULTS = new FileProperties(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public FileProperties {
            Objects.requireNonNull(filePermissions, "filePermissions");
            Objects.requireNonNull(directoryPermissions, "directoryPermissions");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(timestamp, "timestamp");
        }

        /** These properties where set, else {@code fallback}'s: how jib.yaml levels combine. */
        public FileProperties orElse(FileProperties fallback) {
            return new FileProperties(
                    filePermissions.or(fallback::filePermissions),
                    directoryPermissions.or(fallback::directoryPermissions),
                    user.or(fallback::user),
                    group.or(fallback::group),
                    timestamp.or(fallback::timestamp));
        }
    }
}
