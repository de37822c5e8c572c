package dev.drydock.task;

import dev.drydock.source.Checkout;
import dev.drydock.source.GitCredentials;
import dev.drydock.source.GitSource;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceCheckout;
import dev.drydock.source.SourceException;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.CredentialLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a task's build file, from its inline files or from its git repository (at the head of its ref, or at a
 * commit) through the same cached mirrors the builds use, resolving links as a checkout would: a build file that
 * leads outside the checkout is refused, never read.
 */
@ApplicationScoped
public class BuildFileSource {

    /** Largest build file read, in bytes: the analyze endpoint's cap. */
    public static final int MAX_BUILD_FILE_BYTES = 1_000_000;

    @Inject
    CredentialLookup credentials;

    @Inject
    SourceCheckout sources;

    /**
     * The build file's text and the commit it was read at (empty for inline sources).
     *
     * @param createdMirror whether reading it created the repository's mirror (see {@link #discardMirror})
     */
    public record BuildFileText(String content, Optional<String> commit, boolean createdMirror) {}

    public BuildFileText read(TaskSpec spec, String buildFile, Optional<String> commit) {
        if (spec.source().inline() != null) {
            String content = spec.source().inline().files().get(buildFile);
            if (content == null) {
                throw ProblemException.badRequest("buildFile", "the inline files have no " + buildFile);
            }
            return new BuildFileText(content, Optional.empty(), false);
        }
        TaskSpec.Git git = spec.source().git();
        String shown = GitUrlPolicy.redact(git.url());
        GitSource source = new GitSource(git.url(), git.ref(), git.context());
        boolean existed = sources.hasMirror(git.url());
        SourceCheckout.FileAtCommit file;
        try {
            file = sources.readFile(source, commit, GitCredentials.forUrl(git.url(), credentials), buildFile,
                    MAX_BUILD_FILE_BYTES);
        } catch (SourceException e) {
            discardIfNew(existed, git.url());
            String field = switch (e.kind()) {
                case NOT_FOUND -> commit.isPresent() ? "commit" : "source.git.ref";
                case BAD_FILE -> "buildFile";
                // NO_REPOSITORY, UNREACHABLE, AUTH, INVALID: what to fix is the URL (or its credentials)
                default -> "source.git.url";
            };
            throw ProblemException.badRequest(field, "cannot read " + shown + ": " + e.getMessage());
        } catch (RuntimeException e) {
            discardIfNew(existed, git.url());
            throw ProblemException.badRequest("source.git.url", "cannot read " + shown);
        }
        if (file.content().isEmpty()) {
            discardIfNew(existed, git.url());
            throw ProblemException.badRequest("buildFile", contextPath(git.context(), buildFile)
                    + " does not exist in " + shown + " at " + file.commit());
        }
        return new BuildFileText(new String(file.content().get(), StandardCharsets.UTF_8), Optional.of(file.commit()),
                file.mirror() == Checkout.Mirror.CLONED);
    }

    /** Removes the mirror a read created, when nothing is stored that would use it (a dry run, a failed registration). */
    public void discardMirror(TaskSpec spec, BuildFileText text) {
        if (text.createdMirror() && spec.source().git() != null) {
            sources.removeMirror(spec.source().git().url());
        }
    }

    private void discardIfNew(boolean existed, String url) {
        if (!existed) {
            try {
                sources.removeMirror(url);
            } catch (RuntimeException e) {
                // only a cache: an unremoved mirror is evicted with the others
            }
        }
    }

    static String contextPath(String context, String buildFile) {
        String dir = context == null || context.isBlank() || context.equals(".") ? "" : context.replaceAll("^\\./", "").replaceAll("/+$", "");
        return dir.isEmpty() ? buildFile : dir + "/" + buildFile;
    }
}
