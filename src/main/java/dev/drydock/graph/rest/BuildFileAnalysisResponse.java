package dev.drydock.graph.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drydock.graph.buildfile.BuildFileAnalysis;
import dev.drydock.graph.buildfile.BuildFileProblem;
import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.graph.buildfile.EngineChoice;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.graph.buildfile.Stage;
import dev.drydock.graph.buildfile.StageBase;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.List;
import java.util.Map;

/**
 * A build-file analysis as the API shows it. {@code recipe} is there only when the file is buildable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildFileAnalysisResponse(String kind, List<StageView> stages, List<DependencyView> dependencies,
        boolean buildable, String engine, String reason, List<ProblemView> problems, RecipeView recipe) {

    /**
     * @param from the base as written; {@code base} is the image it resolved to (or {@code scratch}),
     *     {@code baseStage} the index of the stage it names
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageView(int index, String name, int line, String from, String base, Integer baseStage,
            String platform) {

        static StageView of(Stage stage) {
            String base = null;
            if (stage.base() instanceof StageBase.Image image) {
                base = image.reference().toString();
            } else if (stage.base() instanceof StageBase.Scratch) {
                base = "scratch";
            }
            Integer baseStage = stage.base() instanceof StageBase.OfStage parent ? parent.index() : null;
            return new StageView(stage.index(), stage.name().orElse(null), stage.line(), stage.from(), base,
                    baseStage, stage.platform().map(Platform::toString).orElse(null));
        }
    }

    /** {@code platform} is null when the FROM's --platform could not be resolved. */
    public record DependencyView(String reference, int stage, boolean runtime, boolean pinned, String platform,
            int line, String via) {

        static DependencyView of(Dependency d) {
            return new DependencyView(d.reference().toString(), d.stage(), d.runtime(), d.pinned(),
                    d.platform().map(Platform::toString).orElse(null), d.line(), d.via().text());
        }
    }

    /** {@code instruction} for Dockerfiles, {@code path} for jib.yaml. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProblemView(int line, String instruction, String path, String detail, boolean jibOnly) {

        static ProblemView of(BuildFileProblem p) {
            return new ProblemView(p.line(), p.instruction().orElse(null), p.path().orElse(null), p.detail(),
                    p.jibOnly());
        }
    }

    /** Fields left out are not set by the build file: the base image's values stay. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecipeView(String base, List<String> platforms, Map<String, String> environment,
            Map<String, String> labels, List<String> exposedPorts, List<String> volumes, String user,
            String workingDirectory, List<String> entrypoint, List<String> cmd, String creationTime, String format,
            List<LayerView> layers) {

        static RecipeView of(ImageRecipe r) {
            return new RecipeView(r.base().map(ImageReference::toString).orElse(null),
                    r.platforms().stream().map(Platform::toString).toList(), r.environment(), r.labels(),
                    r.exposedPorts(), r.volumes(), r.user().orElse(null), r.workingDirectory().orElse(null),
                    r.entrypoint().orElse(null), r.cmd().orElse(null),
                    r.creationTime().map(Object::toString).orElse(null),
                    r.format().map(f -> f == ImageRecipe.Format.OCI ? "OCI" : "Docker").orElse(null),
                    r.layers().stream().map(LayerView::of).toList());
        }
    }

    public record LayerView(String name, List<FileView> files) {

        static LayerView of(ImageRecipe.Layer layer) {
            return new LayerView(layer.name(), layer.files().stream().map(FileView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileView(String src, String dest, List<String> includes, List<String> excludes,
            String filePermissions, String directoryPermissions, String user, String group, String timestamp) {

        static FileView of(ImageRecipe.FileCopy f) {
            ImageRecipe.FileProperties p = f.properties();
            return new FileView(f.src(), f.dest(), f.includes(), f.excludes(), p.filePermissions().orElse(null),
                    p.directoryPermissions().orElse(null), p.user().orElse(null), p.group().orElse(null),
                    p.timestamp().orElse(null));
        }
    }

    static BuildFileAnalysisResponse of(BuildFileAnalysis analysis) {
        return new BuildFileAnalysisResponse(analysis.kind().displayName(),
                analysis.stages().stream().map(StageView::of).toList(),
                analysis.dependencies().stream().map(DependencyView::of).toList(),
                analysis.buildable(),
                analysis.engine().map(e -> e.engine().wire()).orElse(null),
                analysis.engine().map(EngineChoice::reason).orElse(null),
                analysis.problems().stream().map(ProblemView::of).toList(),
                analysis.recipe().map(RecipeView::of).orElse(null));
    }
}
