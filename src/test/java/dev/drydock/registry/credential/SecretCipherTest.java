package dev.drydock.registry.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.credential.SecretCipher.SecretTamperedException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final SecretCipher cipher = SecretCipher.fromConfig(Optional.of(randomKey()));

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "dckr_pat_1234567890abcdefghijklmnop", "", "ünïcødé 🔑", "a:b,c\"d"})
    void shouldDecryptWhatItEncrypted(String secret) {
        String stored = cipher.encrypt(secret, "hub");
        assertThat(stored).startsWith("v1:");
        if (!secret.isEmpty()) {
            assertThat(stored).doesNotContain(secret);
        }
        assertThat(cipher.decrypt(stored, "hub")).isEqualTo(secret);
    }

    @Test
    void shouldUseAFreshIvForEveryValue() {
        String a = cipher.encrypt("same", "hub");
        String b = cipher.encrypt("same", "hub");
        assertThat(a).isNotEqualTo(b);
        byte[] rawA = Base64.getDecoder().decode(a.substring(3));
        byte[] rawB = Base64.getDecoder().decode(b.substring(3));
        assertThat(Arrays.copyOf(rawA, 12)).isNotEqualTo(Arrays.copyOf(rawB, 12));
        assertThat(rawA).hasSize(12 + "same".length() + 16);
    }

    @Test
    void shouldDetectAFlippedBit() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("hunter2", "hub").substring(3));
        raw[raw.length / 2] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "hub")).isInstanceOf(SecretTamperedException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void shouldRefuseACiphertextMovedToAnotherRecord() {
        String stored = cipher.encrypt("hunter2", "hub");
        assertThatThrownBy(() -> cipher.decrypt(stored, "ghcr")).isInstanceOf(SecretTamperedException.class);
    }

    @Test
    void shouldRefuseAValueEncryptedWithAnotherKey() {
        String stored = SecretCipher.fromConfig(Optional.of(randomKey())).encrypt("hunter2", "hub");
        assertThatThrownBy(() -> cipher.decrypt(stored, "hub")).isInstanceOf(SecretTamperedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "v1:", "v1:!!!", "v1:AAAA"})
    void shouldRefuseWhatIsNotACiphertext(String stored) {
        assertThatThrownBy(() -> cipher.decrypt(stored, "hub")).isInstanceOf(SecretTamperedException.class);
    }

    @Test
    void shouldNameTheSettingWhenTheKeyIsMissing() {
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drydock.secrets.key is not set").hasMessageContaining("DRYDOCK_SECRETS_KEY");
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("  "))).hasMessageContaining("drydock.secrets.key");
    }

    @Test
    void shouldNameTheSettingWhenTheKeyIsMalformed() {
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("not base64 at all!")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("drydock.secrets.key is not valid base64");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of(shortKey)))
                .hasMessageContaining("drydock.secrets.key must decode to 32 bytes").hasMessageContaining("16")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void shouldNeverPrintTheKey() {
        assertThat(cipher.toString()).contains("redacted");
        assertThat(new NewCredential("n", "r", "u", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(new RegistryCredential("u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
