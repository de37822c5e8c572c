package dev.drydock.task;

import dev.drydock.build.source.GitCredentials;
import dev.drydock.build.source.GitSource;
import dev.drydock.build.source.SourceCheckout;
import dev.drydock.build.source.SourceException;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.CredentialLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a task's build file, from its inline files or from its git repository (at the head of its ref, or at a
 * commit) through the same cached mirrors the builds use.
 */
@ApplicationScoped
public class BuildFileSource {

    @Inject
    CredentialLookup credentials;

    @Inject
    SourceCheckout sources;

    /** The build file's text and the commit it was read at (empty for inline sources). */
    public record BuildFileText(String content, Optional<String> commit) {}

    public BuildFileText read(TaskSpec spec, String buildFile, Optional<String> commit) {
        if (spec.source().inline() != null) {
            String content = spec.source().inline().files().get(buildFile);
            if (content == null) {
                throw ProblemException.badRequest("buildFile", "the inline files have no " + buildFile);
            }
            return new BuildFileText(content, Optional.empty());
        }
        TaskSpec.Git git = spec.source().git();
        SourceCheckout.FileAtCommit file;
        try {
            file = sources.readFile(new GitSource(git.url(), git.ref(), git.context()), commit,
                    GitCredentials.forUrl(git.url(), credentials), buildFile);
        } catch (SourceException e) {
            String field = e.kind() != SourceException.Kind.NOT_FOUND ? "source.git.url"
                    : commit.isPresent() ? "commit" : "source.git.ref";
            throw ProblemException.badRequest(field, "cannot read " + git.url() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("source.git.url", "cannot read " + git.url() + ": " + e.getMessage());
        }
        byte[] content = file.content().orElseThrow(() -> ProblemException.badRequest("buildFile",
                contextPath(git.context(), buildFile) + " does not exist in " + git.url() + " at " + file.commit()));
        return new BuildFileText(new String(content, StandardCharsets.UTF_8), Optional.of(file.commit()));
    }

    static String contextPath(String context, String buildFile) {
        String dir = context == null || context.isBlank() || context.equals(".") ? "" : context.replaceAll("^\\./", "").replaceAll("/+$", "");
        return dir.isEmpty() ? buildFile : dir + "/" + buildFile;
    }
}
