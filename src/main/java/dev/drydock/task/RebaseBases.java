package dev.drydock.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.BaseAnnotations;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/** The base of a rebase task that did not name one: read from the image CI pushed, at registration. */
@ApplicationScoped
public class RebaseBases {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RegistryClient registry;

    /** The base {@code image} names in its annotations or labels, normalised; a 400 naming rebase.base if none. */
    public String statedBase(String image) {
        ImageReference ref = ImageReference.parse(image);
        String name;
        try {
            Manifest manifest = registry.getManifest(ref).orElseThrow(() -> ProblemException.badRequest("rebase.base",
                    "rebase.base is not given and cannot be read from " + image + ": the image does not exist (yet)"));
            if (manifest.isIndex()) {
                throw ProblemException.badRequest("rebase.base", "rebase.base is not given, and " + image
                        + " is a multi-platform index, which a rebase task does not handle");
            }
            JsonNode manifestJson = JSON.readTree(manifest.content());
            byte[] config = registry.getBlob(ref, Digest.parse(manifestJson.path("config").path("digest").asText()))
                    .orElseThrow(() -> ProblemException.badRequest("rebase.base", "rebase.base is not given and the "
                            + "configuration of " + image + " is missing"));
            name = BaseAnnotations.of(manifestJson, JSON.readTree(config)).name().orElseThrow(() ->
                    ProblemException.badRequest("rebase.base", "rebase.base is not given, and " + image + " has no "
                            + BaseAnnotations.BASE_NAME + " annotation or label to read it from"));
        } catch (RegistryException e) {
            throw ProblemException.badRequest("rebase.base", "rebase.base is not given, and " + image
                    + " cannot be read to find it: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw ProblemException.badRequest("rebase.base", "rebase.base is not given, and " + image
                    + " is not an image drydock can read");
        }
        try {
            return ImageReference.parse(name).withoutDigest().toString();
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("rebase.base", image + " names its base '" + name
                    + "', which is not an image reference: " + e.getMessage());
        }
    }
}
