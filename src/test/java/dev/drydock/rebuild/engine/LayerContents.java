package dev.drydock.rebuild.engine;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistrySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The entries of a pushed layer, read back from the registry: path → mode, owner and time. */
final class LayerContents {

    /** One tar entry as the image will unpack it. */
    record Entry(String path, int mode, long uid, long gid, long modifiedMillis, boolean directory, String content) {}

    private static final RegistryClient CLIENT = RegistryClient.builder()
            .settings(RegistrySettings.defaults().withInsecure(true)).build();

    private LayerContents() {
    }

    static Map<String, Entry> of(String repository, String layerDigest) {
        byte[] blob = CLIENT.getBlob(ImageReference.parse(repository), Digest.parse(layerDigest)).orElseThrow();
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(blob)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String content = entry.isDirectory() ? "" : new String(tar.readAllBytes());
                String path = "/" + entry.getName().replaceAll("^\\./", "").replaceAll("/$", "");
                entries.put(path, new Entry(path, entry.getMode() & 07777, entry.getLongUserId(),
                        entry.getLongGroupId(), entry.getModTime().getTime(), entry.isDirectory(), content));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
