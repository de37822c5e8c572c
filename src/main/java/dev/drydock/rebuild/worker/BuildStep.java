package dev.drydock.rebuild.worker;

import dev.drydock.graph.buildfile.BuildahDockerfile;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.rebuild.engine.BuildException;
import dev.drydock.rebuild.engine.BuildRequest;
import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.rebuild.engine.BuildahBuilder;
import dev.drydock.rebuild.engine.BuildahRequest;
import dev.drydock.rebuild.engine.JibImageBuilder;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.credential.CredentialService;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.task.ImageTimestamp;
import dev.drydock.task.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the pinned build file with the engine the analysis chose, and pushes the image to every target. */
@ApplicationScoped
class BuildStep {

    private final JibImageBuilder jib;
    private final BuildahBuilder buildah;
    private final CredentialLookup credentials;
    private final CredentialService credentialSets;
    private final PlainHttpRegistries plainHttp;

    BuildStep(JibImageBuilder jib, BuildahBuilder buildah, CredentialLookup credentials,
            CredentialService credentialSets, PlainHttpRegistries plainHttp) {
        this.jib = jib;
        this.buildah = buildah;
        this.credentials = credentials;
        this.credentialSets = credentialSets;
        this.plainHttp = plainHttp;
    }

    BuildResult build(RunContext run, Workspace workspace, AnalyseStep.Analysed analysed, PinStep.Pins pins,
            List<ImageReference> targets) throws BuildException {
        TaskSpec spec = run.spec();
        // Fixed (the epoch or the commit's time), so that an unchanged input builds the same digest.
        Instant created = ImageTimestamp.of(spec, workspace.commitTime());
        Map<String, String> labels = labels(spec, run.task().name, workspace.commit(), created);
        List<Platform> platforms = spec.platforms().stream().map(Platform::parse).toList();
        List<ImageReference> everything = new ArrayList<>(targets);
        if (analysed.buildah()) {
            List<ImageReference> pulled = new ArrayList<>(pins.stages().values());
            pulled.addAll(pins.copies().values());
            everything.addAll(pulled);
            BuildahRequest request = new BuildahRequest(
                    BuildahDockerfile.rewrite(analysed.buildFile(), pins.stages(), pins.copies(),
                            Optional.ofNullable(spec.target())),
                    workspace.context(), pins.runtimeBase(), pulled, targets, platforms, labels, run.args(),
                    secrets(spec), credentials, plainHttp.among(everything));
            return buildah.build(request, run.log());
        }
        pins.runtimeBase().ifPresent(everything::add);
        BuildRequest request = new BuildRequest(analysed.analysis().recipe().orElseThrow(), workspace.context(),
                pins.runtimeBase(), targets, platforms, labels, credentials, plainHttp.among(everything),
                Optional.of(created));
        return jib.build(request, run.log());
    }

    /** The OCI labels every built image carries: where it came from, which commit, when. */
    static Map<String, String> labels(TaskSpec spec, String task, String commit, Instant created) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.source", spec.source().git() != null
                ? GitUrlPolicy.redact(spec.source().git().url()) : "drydock:task/" + task);
        if (commit != null) {
            labels.put("org.opencontainers.image.revision", commit);
        }
        labels.put("org.opencontainers.image.created", created.toString());
        return labels;
    }

    /** The task's build secrets in clear: id → the password of the credential set it names. */
    private Map<String, String> secrets(TaskSpec spec) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (spec.secrets() != null) {
            spec.secrets().forEach((id, credential) -> secrets.put(id, credentialSets.secret(credential)
                    .orElseThrow(() -> new IllegalStateException("the credential set " + credential + " of secret "
                            + id + " is gone"))));
        }
        return secrets;
    }
}
