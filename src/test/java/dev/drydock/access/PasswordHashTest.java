package dev.drydock.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Token passwords: salted PBKDF2 hashes, and expiry. */
class PasswordHashTest {

    @Test
    void shouldVerifyThePasswordAndNothingElse() {
        String stored = PasswordHash.hash("s3cret", 1000);
        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret");
        assertThat(PasswordHash.verify("s3cret", stored)).isTrue();
        assertThat(PasswordHash.verify("s3cret ", stored)).isFalse();
        assertThat(PasswordHash.verify("", stored)).isFalse();
    }

    @Test
    void shouldSaltEachHashSoTheSamePasswordHashesDifferently() {
        assertThat(PasswordHash.hash("same", 1000)).isNotEqualTo(PasswordHash.hash("same", 1000));
    }

    @Test
    void shouldRefuseMalformedStoredHashes() {
        assertThat(PasswordHash.verify("x", "plain")).isFalse();
        assertThat(PasswordHash.verify("x", "pbkdf2-sha256$abc$AAAA$AAAA")).isFalse();
        assertThat(PasswordHash.verify("x", "md5$1$AAAA$AAAA")).isFalse();
    }

    @Test
    void shouldBeSlowEnoughByDefault() {
        long start = System.nanoTime();
        PasswordHash.verify("x", PasswordHash.hash("x"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms for a hash and a check").isGreaterThanOrEqualTo(40);
    }

    @Test
    void shouldGenerateLongRandomPasswords() {
        assertThat(PasswordHash.generate()).hasSize(43).isNotEqualTo(PasswordHash.generate());
    }

    @Test
    void shouldExpireAtItsExpiryAndNeverWithoutOne() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(new RegistryToken.Password("password1", "h", at, at).expiredAt(at)).isTrue();
        assertThat(new RegistryToken.Password("password1", "h", at, at).expiredAt(at.minusSeconds(1))).isFalse();
        assertThat(new RegistryToken.Password("password2", "h", at, null).expiredAt(at.plusSeconds(1_000_000_000))).isFalse();
    }
}
