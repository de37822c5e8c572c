package dev.drydock.rebuild.worker;

import dev.drydock.graph.buildfile.BuildFileAnalysis;
import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.BuildFileSyntaxException;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.graph.buildfile.EngineChoice;
import dev.drydock.graph.buildfile.EngineRefusedException;
import dev.drydock.image.Platform;
import dev.drydock.rebuild.engine.BuildException;
import dev.drydock.rebuild.engine.OnBuildTriggers;
import dev.drydock.source.CheckoutFiles;
import dev.drydock.source.SourceException;
import dev.drydock.task.BuildFileSource;
import dev.drydock.task.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the build file as it is at the run's commit (not as it was at registration) and chooses the engine: the file
 * may have changed since the task was analysed.
 */
@ApplicationScoped
class AnalyseStep {

    /** The build file as built, what it depends on, and the engine that builds it. */
    record Analysed(String buildFile, BuildFileAnalysis analysis, EngineChoice engine) {

        boolean buildah() {
            return engine.engine() == Engine.BUILDAH;
        }

        Analysed withEngine(EngineChoice other) {
            return new Analysed(buildFile, analysis, other);
        }
    }

    private final BuildFileAnalyzer analyzer;
    private final OnBuildTriggers onBuild;

    AnalyseStep(BuildFileAnalyzer analyzer, OnBuildTriggers onBuild) {
        this.analyzer = analyzer;
        this.onBuild = onBuild;
    }

    /** @throws StepFailure when the file is missing or unreadable, does not parse, or the forced engine cannot build it */
    Analysed analyse(RunContext run, Path context) throws StepFailure {
        TaskSpec spec = run.spec();
        String buildFile;
        try {
            buildFile = new String(CheckoutFiles.read(context, spec.buildFile(), BuildFileSource.MAX_BUILD_FILE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (SourceException e) {
            throw StepFailure.failed(e.kind() == SourceException.Kind.NOT_FOUND
                    ? "build file " + spec.buildFile() + " not found in the source"
                    : "build file " + e.getMessage());
        }
        Optional<Platform> platform = spec.platforms().stream().findFirst().map(Platform::parse);
        BuildFileAnalysis analysis;
        try {
            analysis = analyzer.analyze(BuildFileKind.ofFileName(spec.buildFile()), buildFile, run.args(), platform,
                    Optional.ofNullable(spec.target()));
        } catch (BuildFileSyntaxException e) {
            throw StepFailure.failed(spec.buildFile() + " line " + e.line() + ": " + e.detail());
        }
        EngineChoice engine;
        try {
            engine = analysis.engineFor(Engine.parse(spec.engine()));
        } catch (EngineRefusedException e) {
            throw StepFailure.failed("the build file cannot be built here: " + e.getMessage());
        }
        run.step("engine: " + engine.engine().wire() + " (" + engine.reason() + ")");
        return new Analysed(buildFile, analysis, engine);
    }

    /**
     * The engine again, now that the runtime base is pinned: a base with ONBUILD triggers is built with buildah,
     * since Jib does not run them.
     *
     * @throws BuildException when the task forces Jib onto such a base
     */
    Analysed route(RunContext run, Analysed analysed, PinStep.Pins pins) throws BuildException {
        Platform platform = run.spec().platforms().stream().findFirst().map(Platform::parse)
                .orElse(BuildFileAnalyzer.DEFAULT_PLATFORM);
        return analysed.withEngine(onBuild.route(analysed.engine(), analysed.analysis().kind(),
                Engine.parse(run.spec().engine()), pins.runtimeBase(), platform, run.log()));
    }
}
