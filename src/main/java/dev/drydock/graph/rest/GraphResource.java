package dev.drydock.graph.rest;

import dev.drydock.graph.Dependent;
import dev.drydock.graph.DependencyGraph;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.problem.Paging;
import dev.drydock.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/graph")
@Tag(name = "Graph", description = "Which tasks depend on which images")
public class GraphResource {

    @Inject
    DependencyGraph graph;

    /** Answer of the dependents query: the image as normalised, and a page of its dependents, nearest first. */
    public record Dependents(String image, List<Dependent> items, int page, int size, long total) {}

    @GET
    @Path("/dependents")
    @Operation(operationId = "getDependents", summary = "Every task that depends on an image, transitively",
            description = "depth 1 = builds FROM the image; deeper = builds FROM an image a dependent pushes. path alternates "
                    + "images and tasks. Nearest first; pages start at 0, size at most " + Paging.MAX_SIZE + ".")
    public Dependents dependents(@Parameter(description = "An image reference, e.g. eclipse-temurin:21-jre")
            @QueryParam("image") String image, @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "At most " + Paging.MAX_SIZE) @QueryParam("size") @DefaultValue("50") int size) {
        if (image == null || image.isBlank()) {
            throw ProblemException.badRequest("image", "image is required, e.g. ?image=eclipse-temurin:21-jre");
        }
        String reference;
        try {
            reference = ImageReference.parse(image.strip()).toString();
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("image", e.getMessage());
        }
        Paging.check(page, size);
        List<Dependent> all = graph.dependents(reference);
        int from = (int) Math.min((long) page * size, all.size());
        return new Dependents(reference, all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }
}
