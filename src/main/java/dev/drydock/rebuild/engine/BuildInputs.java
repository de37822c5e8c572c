package dev.drydock.rebuild.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import dev.drydock.graph.buildfile.ImageRecipe;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A digest of everything a build puts into its image except the base: the engine's version, the recipe, every
 * planned file (path, content, permissions, owner, time), the labels, the platforms and the creation time. Stored as a label on the
 * image, it lets the next build see that only the base moved (see {@link Rebase}).
 */
final class BuildInputs {

    /** The label that carries the digest. */
    static final String LABEL = "dev.drydock.build.inputs";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .findAndAddModules()
            .addModule(new SimpleModule()
                    .addSerializer(ImageReference.class, ToStringSerializer.instance)
                    .addSerializer(Digest.class, ToStringSerializer.instance)
                    .addSerializer(Platform.class, ToStringSerializer.instance))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** A new engine may write other bytes for the same inputs, so its version is an input too. */
    private static final String ENGINE_VERSION = String.valueOf(
            Jib.class.getPackage().getImplementationVersion());

    private BuildInputs() {
    }

    /** {@code sha256:<hex>} over the inputs; {@code labels} must not include the base's labels. */
    static String digest(ImageRecipe recipe, List<FileEntriesLayer> layers, Map<String, String> labels,
            List<Platform> platforms, Instant created) throws BuildException {
        MessageDigest sha = sha256();
        try {
            update(sha, "jib-core " + ENGINE_VERSION);
            update(sha, CANONICAL.writeValueAsString(recipe));
            update(sha, CANONICAL.writeValueAsString(labels));
            update(sha, platforms.toString());
            update(sha, created.toString());
            for (FileEntriesLayer layer : layers) {
                update(sha, "layer " + layer.getName());
                for (FileEntry entry : layer.getEntries()) {
                    update(sha, entry.getExtractionPath() + " " + entry.getPermissions().toOctalString() + " "
                            + entry.getOwnership() + " " + entry.getModificationTime());
                    update(sha, Files.isRegularFile(entry.getSourceFile()) ? contentDigest(entry) : "directory");
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recipe cannot be written as JSON", e);
        } catch (IOException e) {
            throw new BuildException(BuildException.Kind.BAD_RECIPE, "cannot read a file of the build context: "
                    + e.getMessage(), false, e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static String contentDigest(FileEntry entry) throws IOException {
        MessageDigest file = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(entry.getSourceFile()), file)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(file.digest());
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
