package dev.drydock.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Makes container images without Docker: writes an OCI image layout and pushes it with {@code skopeo copy}.
 * {@code TestImages.push("127.0.0.1:5000/base:1")} publishes a new, unique image (so a new digest) in one line.
 */
public final class TestImages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What was pushed: the reference pushed to, the manifest (or index) digest and its media type. */
    public record PushedImage(String reference, String digest, String mediaType) {
        public String byDigest() {
            int tag = reference.lastIndexOf(':');
            String name = tag > reference.lastIndexOf('/') ? reference.substring(0, tag) : reference;
            return name + "@" + digest;
        }
    }

    public enum Format { OCI, DOCKER_V2 }

    private TestImages() {}

    /** Pushes a fresh single-platform OCI image with one random layer. */
    public static PushedImage push(String reference) {
        return builder().push(reference);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<byte[]> layers = new ArrayList<>();
        private List<String> platforms = List.of("linux/amd64");
        private Format format = Format.OCI;
        private String username;
        private String password;
        private String historyCreated;
        private Map<String, String> env = Map.of();
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();

        /** Adds a layer holding these files (path → content). */
        public Builder layer(Map<String, byte[]> files) {
            try {
                layers.add(tar(new LinkedHashMap<>(files)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Adds a layer from an uncompressed tar (links, modes and owners as the tar has them). */
        public Builder tarLayer(byte[] tar) {
            layers.add(tar.clone());
            return this;
        }

        /** Adds a layer with one file of random content, so the image is unique. */
        public Builder randomLayer(int bytes) {
            byte[] content = new byte[bytes];
            RANDOM.nextBytes(content);
            return layer(Map.of("random-" + HexFormat.of().formatHex(content, 0, Math.min(8, bytes)), content));
        }

        /** More than one platform pushes an image index with one manifest per platform. */
        public Builder platforms(String... platforms) {
            this.platforms = List.of(platforms);
            return this;
        }

        /**
         * Gives the image a history as a Dockerfile build would: an ENV entry without a layer, then one entry per
         * layer, all created at {@code created} (written as given, e.g. with nanoseconds).
         */
        public Builder history(String created) {
            this.historyCreated = created;
            return this;
        }

        /** Extra environment variables in the image's configuration (after PATH). */
        public Builder env(Map<String, String> env) {
            this.env = new java.util.TreeMap<>(env);
            return this;
        }

        /** Labels in the image's configuration, as {@code docker build --label} writes them. */
        public Builder labels(Map<String, String> labels) {
            this.labels = new java.util.TreeMap<>(labels);
            return this;
        }

        /** Annotations on the image manifest (each platform's, for an index). */
        public Builder annotations(Map<String, String> annotations) {
            this.annotations = new java.util.TreeMap<>(annotations);
            return this;
        }

        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public PushedImage push(String reference) {
            if (layers.isEmpty()) {
                randomLayer(256);
            }
            try {
                Path layout = Files.createTempDirectory(TestStack.workDir(), "oci-");
                String topDigest = writeLayout(layout);
                Path digestFile = layout.resolve("pushed.digest");
                List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet",
                        "--dest-tls-verify=false", "--digestfile", digestFile.toString()));
                if (platforms.size() > 1) {
                    command.add("--all");
                }
                if (format == Format.DOCKER_V2) {
                    command.addAll(List.of("--format", "v2s2"));
                }
                if (username != null) {
                    command.addAll(List.of("--dest-creds", username + ":" + password));
                }
                command.addAll(List.of("oci:" + layout + ":drydock-test", "docker://" + reference));
                LocalProcess.run(command, Duration.ofSeconds(120));
                String pushed = Files.readString(digestFile).strip();
                String mediaType = mediaTypeOf(pushed, topDigest);
                return new PushedImage(reference, pushed, mediaType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String mediaTypeOf(String pushedDigest, String ociDigest) {
            boolean index = platforms.size() > 1;
            if (format == Format.DOCKER_V2) {
                return index ? "application/vnd.docker.distribution.manifest.list.v2+json"
                        : "application/vnd.docker.distribution.manifest.v2+json";
            }
            return index ? "application/vnd.oci.image.index.v1+json" : "application/vnd.oci.image.manifest.v1+json";
        }

        /** Writes the OCI layout; returns the digest of what index.json points at. */
        private String writeLayout(Path layout) throws IOException {
            Files.createDirectories(layout.resolve("blobs/sha256"));
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            List<ObjectNode> layerDescriptors = new ArrayList<>();
            List<String> diffIds = new ArrayList<>();
            for (byte[] tar : layers) {
                byte[] gz = gzip(tar);
                diffIds.add("sha256:" + sha256(tar));
                layerDescriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(layout, gz), gz.length));
            }
            List<ObjectNode> manifests = new ArrayList<>();
            for (String platform : platforms) {
                String[] parts = platform.split("/");
                ObjectNode config = JSON.createObjectNode();
                config.put("architecture", parts[1]).put("os", parts[0]);
                if (parts.length > 2) {
                    config.put("variant", parts[2]);
                }
                ObjectNode containerConfig = config.putObject("config");
                ArrayNode envArray = containerConfig.putArray("Env")
                        .add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
                env.forEach((k, v) -> envArray.add(k + "=" + v));
                if (!labels.isEmpty()) {
                    ObjectNode labelNode = containerConfig.putObject("Labels");
                    labels.forEach(labelNode::put);
                }
                if (historyCreated != null) {
                    ArrayNode history = config.putArray("history");
                    history.addObject().put("created", historyCreated).put("created_by", "ENV LANG=C.UTF-8")
                            .put("empty_layer", true);
                    for (int i = 0; i < layers.size(); i++) {
                        history.addObject().put("created", historyCreated)
                                .put("created_by", "/bin/sh -c #(nop) ADD file:layer-" + i + " in / ");
                    }
                }
                ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
                ArrayNode ids = rootfs.putArray("diff_ids");
                diffIds.forEach(ids::add);
                byte[] configBytes = JSON.writeValueAsBytes(config);

                ObjectNode manifest = JSON.createObjectNode();
                manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
                manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json",
                        blob(layout, configBytes), configBytes.length));
                manifest.putArray("layers").addAll(layerDescriptors);
                if (!annotations.isEmpty()) {
                    ObjectNode annotationNode = manifest.putObject("annotations");
                    annotations.forEach(annotationNode::put);
                }
                byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
                ObjectNode manifestDescriptor = descriptor("application/vnd.oci.image.manifest.v1+json",
                        blob(layout, manifestBytes), manifestBytes.length);
                ObjectNode platformNode = manifestDescriptor.putObject("platform").put("architecture", parts[1]).put("os", parts[0]);
                if (parts.length > 2) {
                    platformNode.put("variant", parts[2]);
                }
                manifests.add(manifestDescriptor);
            }
            ObjectNode top;
            if (manifests.size() == 1) {
                top = manifests.get(0);
                top.remove("platform");
            } else {
                ObjectNode nested = JSON.createObjectNode();
                nested.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
                nested.putArray("manifests").addAll(manifests);
                byte[] nestedBytes = JSON.writeValueAsBytes(nested);
                top = descriptor("application/vnd.oci.image.index.v1+json", blob(layout, nestedBytes), nestedBytes.length);
            }
            top.putObject("annotations").put("org.opencontainers.image.ref.name", "drydock-test");
            ObjectNode index = JSON.createObjectNode();
            index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            index.putArray("manifests").add(top);
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
            return top.get("digest").asText();
        }
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType).put("digest", digest).put("size", size);
        return d;
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        String hex = sha256(content);
        Files.write(layout.resolve("blobs/sha256").resolve(hex), content);
        return "sha256:" + hex;
    }

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0644);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
