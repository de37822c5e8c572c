package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import dev.drydock.image.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries of an OCI image index or Docker manifest list, and platform resolution over them.
 *
 * <p>Matching follows containerd's normalisation: {@code x86_64} is {@code amd64}, {@code aarch64} is
 * {@code arm64}; an {@code arm64} entry without variant is {@code v8} and an {@code arm} entry without
 * variant is {@code v7}; a wanted platform without variant takes that architecture's default, or any
 * variant when the architecture has none. Entries with platform {@code unknown/unknown} (attestations)
 * never match.
 */
public final class ManifestIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** BuildKit lists attestation manifests with platform {@code unknown/unknown}. */
    private static final String ATTESTATION_OS = "unknown";

    /** One manifest listed in an index, with its platform when the index names one. */
    public record Entry(Descriptor descriptor, Optional<Platform> platform) {}

    private final List<Entry> entries;

    private ManifestIndex(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ManifestIndex of(List<Entry> entries) {
        return new ManifestIndex(entries);
    }

    /** Parses the JSON of an index; throws {@link IllegalArgumentException} when it is not one. */
    public static ManifestIndex parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("manifest index is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode manifests = root == null ? null : root.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw new IllegalArgumentException("manifest index has no \"manifests\" array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode m : manifests) {
            Digest digest = Digest.parse(m.path("digest").asText());
            Descriptor descriptor = new Descriptor(m.path("mediaType").asText(null), digest, m.path("size").asLong(-1));
            entries.add(new Entry(descriptor, platformOf(m.get("platform"))));
        }
        return new ManifestIndex(entries);
    }

    private static Optional<Platform> platformOf(JsonNode p) {
        if (p == null || !p.hasNonNull("os") || !p.hasNonNull("architecture")) {
            return Optional.empty();
        }
        try {
            String variant = p.path("variant").asText("");
            return Optional.of(variant.isEmpty()
                    ? Platform.of(p.get("os").asText(), p.get("architecture").asText())
                    : Platform.of(p.get("os").asText(), p.get("architecture").asText(), variant));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a platform drydock cannot name is one it cannot ask for
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The manifest for {@code wanted}: an exact match after normalisation first, else the first compatible one. */
    public Optional<Descriptor> manifestFor(Platform wanted) {
        String os = wanted.os();
        String arch = normaliseArchitecture(wanted.architecture());
        Optional<String> wantedVariant = wanted.variant().or(() -> defaultVariant(arch));
        Entry anyVariant = null;
        for (Entry entry : entries) {
            if (entry.platform().isEmpty()) {
                continue;
            }
            Platform p = entry.platform().get();
            if (p.os().equals(ATTESTATION_OS)) {
                continue;
            }
            String entryArch = normaliseArchitecture(p.architecture());
            if (!p.os().equals(os) || !entryArch.equals(arch)) {
                continue;
            }
            Optional<String> entryVariant = p.variant().or(() -> defaultVariant(entryArch));
            if (entryVariant.equals(wantedVariant)) {
                return Optional.of(entry.descriptor());
            }
            if (wantedVariant.isEmpty() && anyVariant == null) {
                anyVariant = entry;
            }
        }
        return Optional.ofNullable(anyVariant).map(Entry::descriptor);
    }

    /** The platforms listed, in index order, without attestation entries. */
    public List<Platform> platforms() {
        return entries.stream().flatMap(e -> e.platform().stream())
                .filter(p -> !p.os().equals(ATTESTATION_OS)).toList();
    }

    static String normaliseArchitecture(String architecture) {
        return switch (architecture) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "armhf", "armel" -> "arm";
            case "i386", "i686" -> "386";
            default -> architecture;
        };
    }

    static Optional<String> defaultVariant(String normalisedArchitecture) {
        return switch (normalisedArchitecture) {
            case "arm64" -> Optional.of("v8");
            case "arm" -> Optional.of("v7");
            default -> Optional.empty();
        };
    }
}
