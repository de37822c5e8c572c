package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.drydock.image.InvalidReferenceException.Part;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {

    // Literals, not String.repeat, so that annotation tables can use them.
    static final String HEX64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String HEX128 = HEX64 + HEX64;

    @Test
    void shouldSplitSha256IntoAlgorithmAndHex() {
        Digest digest = Digest.parse("sha256:" + HEX64);

        assertThat(digest.algorithm()).isEqualTo("sha256");
        assertThat(digest.hex()).isEqualTo(HEX64);
        assertThat(digest).hasToString("sha256:" + HEX64);
    }

    @Test
    void shouldAcceptSha512() {
        Digest digest = Digest.parse("sha512:" + HEX128);

        assertThat(digest.algorithm()).isEqualTo("sha512");
        assertThat(digest.hex()).hasSize(128);
    }

    @Test
    void shouldAcceptSha384() {
        Digest digest = Digest.parse("sha384:" + HEX64 + HEX64.substring(0, 32));

        assertThat(digest.algorithm()).isEqualTo("sha384");
        assertThat(digest.hex()).hasSize(96);
    }

    @Test
    void shouldHashContentWithSha256() {
        assertThat(Digest.sha256Of(new byte[0])).hasToString(
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digest.sha256Of("hello".getBytes(StandardCharsets.UTF_8))).hasToString(
                "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void shouldBeEqualByValue() {
        assertThat(Digest.parse("sha256:" + HEX64))
                .isEqualTo(Digest.parse("sha256:" + HEX64))
                .hasSameHashCodeAs(Digest.parse("sha256:" + HEX64))
                .isNotEqualTo(Digest.sha256Of(new byte[0]));
    }

    @ParameterizedTest(name = "\"{0}\" fails: {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                   | must be <algorithm>:<hex>",
        "sha256                               | must be <algorithm>:<hex>",
        "sha256:                              | must have 64 hex characters, got 0",
        ":" + HEX64 + "                       | algorithm \"\" is malformed",
        "sha256:abc                           | sha256 digest must have 64 hex characters, got 3",
        "sha512:" + HEX64 + "                 | sha512 digest must have 128 hex characters, got 64",
        "sha384:" + HEX64 + "                 | sha384 digest must have 96 hex characters, got 64",
        "sha1:" + HEX64 + "                   | unsupported digest algorithm \"sha1\"",
        "sha256+b64u:" + HEX64 + "            | unsupported digest algorithm \"sha256+b64u\"",
        "sha256_:" + HEX64 + "                | is malformed",
        "Sha256:" + HEX64 + "                 | is malformed",
        "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef | hex must be lower-case",
        "sha256:z123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | only hex characters",
        "sha256: 123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | only hex characters",
    })
    void shouldRejectMalformedDigestWithReason(String input, String reasonFragment) {
        assertThatExceptionOfType(InvalidReferenceException.class)
                .isThrownBy(() -> Digest.parse(input))
                .satisfies(e -> {
                    assertThat(e.part()).isEqualTo(Part.DIGEST);
                    assertThat(e.input()).isEqualTo(input);
                    assertThat(e.reason()).contains(reasonFragment);
                });
    }
}
