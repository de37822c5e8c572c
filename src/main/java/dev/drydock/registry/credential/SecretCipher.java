package dev.drydock.registry.credential;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM: a random 12-byte IV per value, a 128-bit tag, and the
 * owning record's name as associated data (so a ciphertext copied to another row does not decrypt).
 * Stored form: {@code v1:} + base64(IV || ciphertext || tag). The key is {@value #KEY_SETTING}
 * (environment {@value #KEY_ENV}), the base64 of 32 random bytes. Nothing here ever prints the key.
 */
public final class SecretCipher {

    public static final String KEY_SETTING = "drydock.secrets.key";
    public static final String KEY_ENV = "DRYDOCK_SECRETS_KEY";

    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    static final String FORMAT = "v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HOW_TO = "set " + KEY_SETTING + " (or the environment variable " + KEY_ENV
            + ") to the base64 of 32 random bytes, e.g. the output of `openssl rand -base64 32`";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From the configured value; a missing or malformed key is an {@link IllegalStateException} naming the setting. */
    public static SecretCipher fromConfig(Optional<String> base64Key) {
        String value = base64Key.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new IllegalStateException(KEY_SETTING + " is not set: " + HOW_TO));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_SETTING + " is not valid base64: " + HOW_TO);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(KEY_SETTING + " must decode to " + KEY_BYTES + " bytes (AES-256) but "
                    + "decodes to " + key.length + ": " + HOW_TO);
        }
        return new SecretCipher(key);
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (e.g. the credential's name). */
    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value from {@link #encrypt}; {@link SecretTamperedException} when it was changed, belongs
     * to another context, or was encrypted with another key.
     */
    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(FORMAT)) {
            throw new SecretTamperedException("stored secret of \"" + context + "\" is not in the " + FORMAT + " format");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretTamperedException("stored secret of \"" + context + "\" is not valid base64");
        }
        if (all.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretTamperedException("stored secret of \"" + context + "\" is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretTamperedException("stored secret of \"" + context
                    + "\" fails authentication: changed, moved from another record, or encrypted with another "
                    + KEY_SETTING);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key=<redacted>]";
    }

    /** A stored secret that does not decrypt: tampered with, or the key changed. */
    public static final class SecretTamperedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SecretTamperedException(String message) {
            super(message);
        }
    }
}
