package dev.drydock.importer;

import static io.restassured.RestAssured.given;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistrySettings;
import dev.drydock.testing.Skopeo;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Shared steps of the import tests: start a job, wait for it to end, hash what a registry serves, push artifacts. */
final class Imports {

    static final RegistryClient CLIENT = RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true))
            .build();

    private Imports() {}

    static long start(Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/api/v1/imports")
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    /** Polls the job until it is Succeeded, Failed or Canceled. */
    static JsonPath awaitEnd(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = given().get("/api/v1/imports/" + id).then().statusCode(200).extract().jsonPath();
            if (ImportStatus.valueOf(job.getString("status")).isFinal()) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " did not end within 90 s");
    }

    /** sha256 of the bytes {@code skopeo inspect --raw} reads: the digest any client computes. */
    static String rawDigest(String reference) {
        return Digest.sha256Of(Skopeo.rawBytes(reference)).toString();
    }

    /**
     * Pushes an OCI artifact as {@code helm push} or ORAS store one: a custom config media type, one layer of a
     * custom type, an {@code artifactType}; returns its digest.
     */
    static Digest pushArtifact(String reference, String artifactType, String configType, String layerType) {
        ImageReference ref = ImageReference.parse(reference);
        byte[] config = "{\"name\":\"chart\",\"version\":\"0.1.0\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("chart content " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        Digest configDigest = CLIENT.pushBlob(ref, config);
        Digest layerDigest = CLIENT.pushBlob(ref, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
                + artifactType + "\",\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\""
                + layerDigest + "\",\"size\":" + layer.length + "}],\"annotations\":{\"org.opencontainers.image.title\":"
                + "\"chart\"}}";
        return CLIENT.putManifest(ref, manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    }

    /** A cosign-style signature of {@code digest} in {@code repository} (host/repo): the tag sha256-<hex>.sig. */
    static Digest pushSignature(String repository, Digest digest) {
        return pushArtifact(repository + ":" + digest.algorithm() + "-" + digest.hex() + ".sig",
                "application/vnd.dev.cosign.artifact.sig.v1+json", "application/vnd.oci.image.config.v1+json",
                "application/vnd.dev.cosign.simplesigning.v1+json");
    }

    /**
     * Pushes an OCI index whose entries are the given manifests (digest → architecture, all of {@code entryType});
     * their sizes are read from the registry. Returns the index's digest.
     */
    static Digest pushIndex(String reference, String entryType, Map<String, String> entries) {
        ImageReference ref = ImageReference.parse(reference);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
                + "\",\"manifests\":[");
        String sep = "";
        for (var e : new java.util.TreeMap<>(entries).entrySet()) {
            long size = CLIENT.headManifest(ref.withDigest(Digest.parse(e.getKey()))).orElseThrow().size();
            json.append(sep).append("{\"mediaType\":\"").append(entryType).append("\",\"digest\":\"").append(e.getKey())
                    .append("\",\"size\":").append(size).append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"")
                    .append(e.getValue()).append("\"}}");
            sep = ",";
        }
        json.append("]}");
        return CLIENT.putManifest(ref, json.toString().getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);
    }
}
