package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.drydock.image.InvalidReferenceException.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    static final Digest DIGEST = Digest.sha256Of("drydock".getBytes());
    static final Digest OTHER_DIGEST = Digest.sha256Of("other".getBytes());

    @ParameterizedTest(name = "{0} is fetched as {1}")
    @CsvSource({
        "nginx,                              latest",
        "nginx:1.27,                         1.27",
        "nginx@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                + ", sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                + ", sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void shouldUseTheDigestBeforeTheTagAsManifestReference(String input, String expected) {
        assertThat(ImageReference.parse(input).manifestReference()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} talks to {1}")
    @CsvSource({
        "nginx,                          registry-1.docker.io",
        "index.docker.io/bitnami/redis,  registry-1.docker.io",
        "ghcr.io/a/b,                    ghcr.io",
        "localhost:5000/x,               localhost:5000",
        "'[::1]:5000/x',                 '[::1]:5000'",
    })
    void shouldSendDockerHubApiCallsToRegistryOne(String input, String apiHost) {
        assertThat(ImageReference.parse(input).registryApiHost()).isEqualTo(apiHost);
    }

    @Test
    void shouldReportLatestWithoutPretendingItWasWritten() {
        ImageReference ref = ImageReference.parse("nginx");

        assertThat(ref.tag()).isEmpty();
        assertThat(ref.tagOrLatest()).isEqualTo("latest");
        assertThat(ref.name()).isEqualTo("docker.io/library/nginx");
    }

    @Test
    void shouldTreatBareNameAsEqualToItsNormalisedForm() {
        ImageReference bare = ImageReference.parse("nginx");

        assertThat(bare)
                .isEqualTo(ImageReference.parse("docker.io/library/nginx:latest"))
                .isEqualTo(ImageReference.parse("index.docker.io/nginx"))
                .hasSameHashCodeAs(ImageReference.parse("docker.io/library/nginx:latest"));
    }

    @Test
    void shouldNotEqualReferencesThatDifferInTagRegistryOrDigest() {
        ImageReference ref = ImageReference.parse("nginx:1");

        assertThat(ref)
                .isNotEqualTo(ImageReference.parse("nginx:2"))
                .isNotEqualTo(ImageReference.parse("ghcr.io/library/nginx:1"))
                .isNotEqualTo(ref.withDigest(DIGEST));
        assertThat(ImageReference.parse("nginx@" + DIGEST))
                .isNotEqualTo(ImageReference.parse("nginx:latest@" + DIGEST));
    }

    @Test
    void shouldReplaceTheTagAndKeepTheDigestWithTag() {
        ImageReference original = ImageReference.parse("ghcr.io/a/b:1@" + DIGEST);

        ImageReference retagged = original.withTag("2");

        assertThat(retagged.toString()).isEqualTo("ghcr.io/a/b:2@" + DIGEST);
        assertThat(original.toString()).isEqualTo("ghcr.io/a/b:1@" + DIGEST);
    }

    @Test
    void shouldValidateTheTagGivenToWithTag() {
        ImageReference ref = ImageReference.parse("nginx");

        assertThatExceptionOfType(InvalidReferenceException.class)
                .isThrownBy(() -> ref.withTag("-bad"))
                .satisfies(e -> {
                    assertThat(e.part()).isEqualTo(Part.TAG);
                    assertThat(e.input()).isEqualTo("docker.io/library/nginx:-bad");
                });
        assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> ref.withTag("t".repeat(129)));
        assertThatNullPointerException().isThrownBy(() -> ref.withTag(null));
    }

    @Test
    void shouldPinAndUnpinWithDigest() {
        ImageReference tagged = ImageReference.parse("bitnami/redis:7");

        ImageReference pinned = tagged.withDigest(DIGEST);
        ImageReference repinned = pinned.withDigest(OTHER_DIGEST);

        assertThat(pinned.digest()).contains(DIGEST);
        assertThat(pinned.toString()).isEqualTo("docker.io/bitnami/redis:7@" + DIGEST);
        assertThat(pinned.familiar()).isEqualTo("bitnami/redis:7@" + DIGEST);
        assertThat(repinned.digest()).contains(OTHER_DIGEST);
        assertThat(pinned.withoutDigest()).isEqualTo(tagged);
        assertThat(tagged.digest()).isEmpty();
        assertThatNullPointerException().isThrownBy(() -> tagged.withDigest(null));
    }

    @Test
    void shouldFallBackToLatestWhenTheDigestIsRemovedFromADigestOnlyReference() {
        ImageReference pinned = ImageReference.parse("nginx@" + DIGEST);

        assertThat(pinned.withoutDigest().toString()).isEqualTo("docker.io/library/nginx:latest");
    }

    @Test
    void shouldExplainTheFailureInTheExceptionMessage() {
        assertThatExceptionOfType(InvalidReferenceException.class)
                .isThrownBy(() -> ImageReference.parse("Nginx"))
                .withMessage("invalid image reference \"Nginx\": repository must be lower-case (path)");
    }

    @Test
    void shouldReportTheWholeReferenceWhenItsDigestIsInvalid() {
        assertThatExceptionOfType(InvalidReferenceException.class)
                .isThrownBy(() -> ImageReference.parse("nginx@sha256:abc"))
                .withMessage("invalid image reference \"nginx@sha256:abc\": "
                        + "sha256 digest must have 64 hex characters, got 3 (digest)");
    }

    @Test
    void shouldRejectNullWithNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> ImageReference.parse(null));
    }

    @Test
    void shouldTellATagFromTextThatIsNone() {
        assertThat(ImageReference.isTag("1.27.0-alpine")).isTrue();
        assertThat(ImageReference.isTag("_x")).isTrue();
        assertThat(ImageReference.isTag("a".repeat(128))).isTrue();
        assertThat(ImageReference.isTag("a".repeat(129))).isFalse();
        assertThat(ImageReference.isTag("")).isFalse();
        assertThat(ImageReference.isTag(".hidden")).isFalse();
        assertThat(ImageReference.isTag("-x")).isFalse();
        assertThat(ImageReference.isTag("1.27/../x")).isFalse();
        assertThat(ImageReference.isTag("1.27@sha256")).isFalse();
        assertThat(ImageReference.isTag("a b")).isFalse();
    }
}
