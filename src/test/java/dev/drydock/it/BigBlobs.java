package dev.drydock.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pushes images with big random layers straight to a registry, streamed from files: no layer is ever whole in this
 * JVM's memory, so a 1 GiB layer costs disk, not heap.
 */
final class BigBlobs {

    record Blob(String digest, long size) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BigBlobs() {}

    /** Pushes an OCI image manifest with one random layer per size to {@code host/repository:tag}; returns its digest. */
    static String pushImage(String host, String repository, String tag, Path dir, long... layerSizes) throws Exception {
        List<Blob> layers = new ArrayList<>();
        for (long size : layerSizes) {
            Path file = Files.createTempFile(dir, "layer-", ".bin");
            try {
                layers.add(upload(host, repository, file, random(file, size)));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"created\":\"" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8);
        Path configFile = Files.createTempFile(dir, "config-", ".json");
        Files.write(configFile, config);
        Blob configBlob = upload(host, repository, configFile, sha256(config));
        Files.deleteIfExists(configFile);
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configBlob.digest()
                + "\",\"size\":" + configBlob.size() + "},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
                    .append(layers.get(i).digest()).append("\",\"size\":").append(layers.get(i).size()).append('}');
        }
        manifest.append("]}");
        byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repository
                + "/manifests/" + tag)).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("manifest PUT answered " + put.statusCode() + ": " + put.body());
        }
        return sha256(bytes);
    }

    private static Blob upload(String host, String repository, Path file, String digest) throws Exception {
        HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        URI location = URI.create("http://" + host + "/").resolve(start.headers().firstValue("Location").orElseThrow());
        String sep = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + digest.replace(":", "%3A")))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("blob PUT answered " + put.statusCode() + ": " + put.body());
        }
        return new Blob(digest, Files.size(file));
    }

    /** Writes {@code size} random bytes to {@code file}; returns their sha256 digest. */
    private static String random(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom();
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long r = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (r >>> (8 * b));
                    }
                }
                int n = (int) Math.min(buffer.length, left);
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit();
        }
    }
}
