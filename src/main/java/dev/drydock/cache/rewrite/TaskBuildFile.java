package dev.drydock.cache.rewrite;

import dev.drydock.problem.ProblemException;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.source.FileCommit;
import dev.drydock.source.GitCredential;
import dev.drydock.source.GitCredentials;
import dev.drydock.source.GitSource;
import dev.drydock.source.SourceCheckout;
import dev.drydock.source.SourceException;
import dev.drydock.source.SourcePaths;
import dev.drydock.task.BuildFileSource;
import dev.drydock.task.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A task's build file as a rewrite reads and writes it: the inline file, or the file at the head of the task's ref,
 * read through the same mirrors and link rules as builds, with the credential set for the repository's host; and the
 * rewritten file committed on top of that commit and pushed to a branch of its own. Git failures are problems that
 * say what the server did: 502 when it cannot be reached, refuses the credential or the push; 409 when the ref, the
 * file or the branch is not what a rewrite can work on.
 */
@ApplicationScoped
class TaskBuildFile {

    static final String AUTHOR = "drydock";
    static final String AUTHOR_EMAIL = "drydock@drydock.invalid";

    @Inject
    SourceCheckout sources;

    @Inject
    CredentialLookup credentials;

    /**
     * The build file's text.
     *
     * @param path relative to the repository's root (to the inline files for inline tasks)
     * @param bytes exactly as read: what the commit must still hold
     * @param commit where it was read; empty for inline tasks
     */
    record Read(String path, String text, byte[] bytes, Optional<String> commit) {}

    Read read(TaskSpec spec) {
        String buildFile;
        try {
            buildFile = SourcePaths.normalise(spec.buildFile(), "buildFile");
        } catch (SourceException e) {
            throw problem(e, "the task's build file: ");
        }
        if (spec.source().inline() != null) {
            String content = spec.source().inline().files().get(spec.buildFile());
            if (content == null) {
                throw ProblemException.conflict("the task's inline files have no " + spec.buildFile());
            }
            return new Read(buildFile, content, content.getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
        GitSource source = source(spec.source().git());
        String path = source.context().isEmpty() ? buildFile : source.context() + "/" + buildFile;
        SourceCheckout.FileAtCommit file;
        try {
            file = sources.readFile(source, Optional.empty(), credential(source), spec.buildFile(),
                    BuildFileSource.MAX_BUILD_FILE_BYTES);
        } catch (SourceException e) {
            throw problem(e, "cannot read " + path + ": ");
        }
        if (file.content().isEmpty()) {
            throw ProblemException.conflict(path + " does not exist at " + file.commit() + ", the head of "
                    + source.ref());
        }
        return new Read(path, utf8(path, file.content().get()), file.content().get(), Optional.of(file.commit()));
    }

    /** Commits {@code after} as the build file on top of the commit it was read at, pushed to {@code branch}. */
    FileCommit.Pushed commit(TaskSpec spec, Read read, String after, String branch, String message) {
        GitSource source = source(spec.source().git());
        try {
            return sources.commitFile(source, read.commit().orElseThrow(), credential(source),
                    new FileCommit(spec.buildFile(), read.bytes(), after.getBytes(StandardCharsets.UTF_8), branch,
                            message, AUTHOR, AUTHOR_EMAIL));
        } catch (SourceException e) {
            throw problem(e, "cannot commit " + read.path() + " to " + branch + ": ");
        }
    }

    private static GitSource source(TaskSpec.Git git) {
        return new GitSource(git.url(), git.ref(), git.context());
    }

    private Optional<GitCredential> credential(GitSource source) {
        return GitCredentials.forUrl(source.url(), credentials);
    }

    private static String utf8(String path, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(422, "Build file not readable", path + " is not UTF-8 text; drydock rewrites "
                    + "only UTF-8 build files", null);
        }
    }

    private static ProblemException problem(SourceException e, String doing) {
        return switch (e.kind()) {
            case UNREACHABLE, AUTH, NO_REPOSITORY -> new ProblemException(502, "Git server failed",
                    doing + e.getMessage(), null);
            case REFUSED -> new ProblemException(502, "Push refused", doing + e.getMessage(), null);
            case CANCELED -> new ProblemException(503, "Canceled", doing + e.getMessage(), null);
            case NOT_FOUND, INVALID, BAD_FILE -> ProblemException.conflict(doing + e.getMessage());
        };
    }
}
