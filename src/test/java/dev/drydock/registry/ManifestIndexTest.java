package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.Platform;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestIndexTest {

    private static String entry(char digit, String platformJson) {
        return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":500,\"digest\":\"sha256:"
                + String.valueOf(digit).repeat(64) + "\"" + (platformJson == null ? "" : ",\"platform\":" + platformJson) + "}";
    }

    // a: amd64, b: arm64 (no variant), c: arm/v6, d: arm/v7, e: ppc64le, f: attestation, 1: windows amd64
    private static final ManifestIndex INDEX = ManifestIndex.parse(("{\"schemaVersion\":2,"
            + "\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + String.join(",",
                    entry('a', "{\"os\":\"linux\",\"architecture\":\"amd64\"}"),
                    entry('b', "{\"os\":\"linux\",\"architecture\":\"arm64\"}"),
                    entry('c', "{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v6\"}"),
                    entry('d', "{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}"),
                    entry('e', "{\"os\":\"linux\",\"architecture\":\"ppc64le\"}"),
                    entry('f', "{\"os\":\"unknown\",\"architecture\":\"unknown\"}"),
                    entry('1', "{\"os\":\"windows\",\"architecture\":\"amd64\",\"os.version\":\"10.0.17763.1\"}"),
                    entry('2', null))
            + "]}").getBytes(UTF_8));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "linux/amd64, a",
        "linux/x86_64, a",
        "linux/arm64, b",
        "linux/arm64/v8, b",
        "linux/aarch64, b",
        "linux/arm64/v9, none",
        "linux/arm/v6, c",
        "linux/arm/v7, d",
        "linux/arm, d",
        "linux/ppc64le, e",
        "windows/amd64, 1",
        "linux/s390x, none",
        "unknown/unknown, none",
        "darwin/arm64, none",
    })
    void shouldResolveAnIndexToThePlatformsManifest(String platform, String digit) {
        Optional<Descriptor> found = INDEX.manifestFor(Platform.parse(platform));
        if (digit == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).map(d -> d.digest().hex()).contains(digit.repeat(64));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux/arm64/v8, '{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}'",
        "linux/arm64, '{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}'",
        "linux/amd64, '{\"os\":\"linux\",\"architecture\":\"amd64\",\"variant\":\"v3\"}'",
    })
    void shouldMatchAVariantTheIndexSpellsOut(String wanted, String platformJson) {
        ManifestIndex index = ManifestIndex.parse(("{\"manifests\":[" + entry('9', platformJson) + "]}").getBytes(UTF_8));
        assertThat(index.manifestFor(Platform.parse(wanted))).isPresent();
    }

    @Test
    void shouldListPlatformsWithoutAttestations() {
        assertThat(INDEX.platforms()).extracting(Platform::toString)
                .containsExactly("linux/amd64", "linux/arm64", "linux/arm/v6", "linux/arm/v7", "linux/ppc64le",
                        "windows/amd64");
        assertThat(INDEX.entries()).hasSize(8);
        assertThat(INDEX.entries().get(7).platform()).isEmpty();
    }

    @Test
    void shouldRejectWhatIsNotAnIndex() {
        assertThatThrownBy(() -> ManifestIndex.parse("{\"layers\":[]}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manifests");
        assertThatThrownBy(() -> ManifestIndex.parse("nope".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
