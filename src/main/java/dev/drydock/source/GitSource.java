package dev.drydock.source;

import java.util.Objects;

/**
 * Where a task's source lives.
 *
 * @param url an http(s), ssh, {@code file://} URL or a local path
 * @param ref a branch, a tag, a full ref name ({@code refs/heads/main}) or {@code HEAD}; {@code HEAD} when blank
 * @param context the directory inside the repository that is the build context; the root when blank or {@code .}
 */
public record GitSource(String url, String ref, String context) {

    public GitSource {
        Objects.requireNonNull(url, "url");
        ref = ref == null || ref.isBlank() ? "HEAD" : ref.strip();
        context = context == null ? "" : context.strip().replaceAll("^(\\./|/)+", "").replaceAll("^\\.$", "")
                .replaceAll("/+$", "");
    }

    public static GitSource of(String url, String ref) {
        return new GitSource(url, ref, "");
    }
}
