package dev.drydock.graph.rest;

import dev.drydock.graph.Dependent;
import dev.drydock.graph.DependencyGraph;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/graph")
@Tag(name = "Graph", description = "Which tasks depend on which images")
public class GraphResource {

    @Inject
    DependencyGraph graph;

    /** Answer of the dependents query. */
    public record Dependents(String image, List<Dependent> dependents) {}

    @GET
    @Path("/dependents")
    @Operation(operationId = "getDependents", summary = "Every task that depends on an image, transitively",
            description = "depth 1 = builds FROM the image; deeper = builds FROM an image a dependent pushes. path alternates images and tasks.")
    public Dependents dependents(@QueryParam("image") String image) {
        if (image == null || image.isBlank()) {
            throw ProblemException.badRequest("image", "image is required, e.g. ?image=eclipse-temurin:21-jre");
        }
        String reference;
        try {
            reference = ImageReference.parse(image.strip()).toString();
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("image", e.getMessage());
        }
        return new Dependents(reference, graph.dependents(reference));
    }
}
