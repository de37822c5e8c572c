package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

    @Test
    void shouldListIndexTypesBeforeSinglePlatformManifests() {
        assertThat(MediaTypes.ALL_MANIFESTS).containsExactly(
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json");
    }

    @ParameterizedTest(name = "\"{0}\" is index: {1}, image manifest: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "application/vnd.oci.image.index.v1+json                          | true  | false",
        "application/vnd.docker.distribution.manifest.list.v2+json        | true  | false",
        "application/vnd.oci.image.manifest.v1+json                       | false | true",
        "application/vnd.docker.distribution.manifest.v2+json             | false | true",
        "application/vnd.oci.image.index.v1+json; charset=utf-8           | true  | false",
        "Application/VND.Docker.Distribution.Manifest.V2+JSON             | false | true",
        "application/vnd.docker.distribution.manifest.v1+prettyjws        | false | false",
        "application/json                                                 | false | false",
        "null                                                             | false | false",
    })
    void shouldClassifyManifestMediaTypes(String mediaType, boolean index, boolean imageManifest) {
        assertThat(MediaTypes.isIndex(mediaType)).isEqualTo(index);
        assertThat(MediaTypes.isImageManifest(mediaType)).isEqualTo(imageManifest);
    }
}
