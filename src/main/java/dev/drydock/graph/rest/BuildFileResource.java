package dev.drydock.graph.rest;

import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.BuildFileSyntaxException;
import dev.drydock.graph.buildfile.UnknownTargetException;
import dev.drydock.image.Platform;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Analyses a build file without storing anything: what it builds FROM and whether Jib can build it. */
@Path("/api/v1/buildfiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Build files", description = "What a build file builds FROM and which engine can build it")
public class BuildFileResource {

    @Inject
    BuildFileAnalyzer analyzer;

    @POST
    @Path("/analyze")
    @Operation(operationId = "analyzeBuildFile", summary = "Analyse a build file, storing nothing")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AnalyzeBuildFileRequest.class), examples = @ExampleObject(name = "dockerfile",
                    value = "{\"kind\": \"Dockerfile\", \"content\": \"ARG V=21\\nFROM eclipse-temurin:${V}-jre\\n\"}")))
    public BuildFileAnalysisResponse analyze(AnalyzeBuildFileRequest request) {
        AnalyzeBuildFileRequest body = request != null ? request : new AnalyzeBuildFileRequest(null, null, null, null, null);
        BuildFileKind kind = kind(body.kind());
        String content = content(body.content());
        Map<String, String> args = args(body.args());
        Optional<Platform> platform = platform(body.platform());
        Optional<String> target = target(kind, body.target());
        try {
            return BuildFileAnalysisResponse.of(analyzer.analyze(kind, content, args, platform, target));
        } catch (UnknownTargetException e) {
            throw ProblemException.badRequest("target", e.detail());
        } catch (BuildFileSyntaxException e) {
            throw new ProblemException(400, "Invalid build file", kind.displayName() + " line " + e.line() + ": "
                    + e.detail(), "content");
        }
    }

    private static Optional<String> target(BuildFileKind kind, String target) {
        if (target == null) {
            return Optional.empty();
        }
        if (kind != BuildFileKind.DOCKERFILE) {
            throw ProblemException.badRequest("target", "target names a Dockerfile stage, and a jib.yaml has one");
        }
        if (target.isBlank()) {
            throw ProblemException.badRequest("target", "target must name a stage (FROM <image> AS <name>)");
        }
        return Optional.of(target.strip());
    }

    private static BuildFileKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw ProblemException.badRequest("kind", "kind is required: Dockerfile or jib.yaml");
        }
        return BuildFileKind.fromName(kind.strip()).orElseThrow(() -> ProblemException.badRequest("kind",
                "unknown kind \"" + kind + "\": use Dockerfile or jib.yaml"));
    }

    private static String content(String content) {
        if (content == null || content.isBlank()) {
            throw ProblemException.badRequest("content", "content is required: the text of the build file");
        }
        if (content.length() > BuildFileAnalyzer.MAX_CONTENT_CHARS) {
            throw ProblemException.badRequest("content", "content is longer than "
                    + BuildFileAnalyzer.MAX_CONTENT_CHARS + " characters");
        }
        return content;
    }

    private static Map<String, String> args(Map<String, String> args) {
        if (args == null) {
            return Map.of();
        }
        args.forEach((name, value) -> {
            if (value == null) {
                throw ProblemException.badRequest("args." + name, "args." + name + " needs a value (\"\" for empty)");
            }
        });
        return args;
    }

    private static Optional<Platform> platform(String platform) {
        if (platform == null || platform.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Platform.parse(platform.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("platform", e.getMessage());
        }
    }
}
