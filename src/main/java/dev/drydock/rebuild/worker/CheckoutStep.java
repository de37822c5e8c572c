package dev.drydock.rebuild.worker;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.source.SourceCheckout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Puts the run's source on disk: the task's inline files, or its git repository at the run's commit. */
@ApplicationScoped
class CheckoutStep {

    private final SourceCheckout sources;
    private final Path runs;
    private final CredentialLookup credentials;

    @Inject
    CheckoutStep(SourceCheckout sources, WorkDirectory workDirectory, CredentialLookup credentials) {
        this(sources, workDirectory.runs(), credentials);
    }

    /** @param runs where each run gets a fresh directory */
    CheckoutStep(SourceCheckout sources, Path runs, CredentialLookup credentials) {
        this.sources = sources;
        this.runs = runs;
        this.credentials = credentials;
    }

    /** @throws dev.drydock.source.SourceException when the repository, the ref or the commit cannot be fetched */
    Workspace checkout(RunContext run) throws IOException {
        Workspace workspace = Workspace.prepare(sources, runs, run.spec(),
                Optional.ofNullable(run.run().gitCommit), Optional.ofNullable(run.run().gitRef), credentials);
        run.step(workspace.commit() == null ? "source: inline files of task " + run.task().name
                : "checked out " + GitUrlPolicy.redact(run.spec().source().git().url()) + " at " + workspace.commit());
        return workspace;
    }
}
