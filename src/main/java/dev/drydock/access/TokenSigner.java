package dev.drydock.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs and checks ES256 JWTs as Distribution 2.8 accepts them: the header carries the signing certificate in
 * {@code x5c} (the registry trusts it through its {@code rootcertbundle}) and the libtrust {@code kid}; the
 * signature is JOSE's r||s, not DER.
 */
final class TokenSigner {

    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final PublicKey publicKey;
    private final byte[] header;
    private final ObjectMapper json;

    private TokenSigner(PrivateKey key, X509Certificate certificate, ObjectMapper json) throws GeneralSecurityException {
        this.key = key;
        this.publicKey = certificate.getPublicKey();
        this.json = json;
        ObjectNode h = json.createObjectNode().put("typ", "JWT").put("alg", "ES256")
                .put("kid", libtrustKeyId(publicKey.getEncoded()));
        h.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        try {
            this.header = json.writeValueAsBytes(h);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PEM PKCS#8 EC key and its PEM certificate; fails naming the file that is wrong. */
    static TokenSigner load(Path keyFile, Path certificateFile, ObjectMapper json) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(keyFile, "PRIVATE KEY")));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            return new TokenSigner(key, certificate, json);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("drydock.access.signing-key " + keyFile + " and certificate " + certificateFile
                    + " must be a PEM PKCS#8 EC P-256 key and its PEM certificate: " + e.getMessage(), e);
        }
    }

    String sign(ObjectNode claims) {
        try {
            String input = B64URL.encodeToString(header) + "." + B64URL.encodeToString(json.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a registry token", e);
        }
    }

    /** The claims of a JWT this signer made, if its signature is good (times are the caller's to check). */
    Optional<JsonNode> verify(String jwt) {
        int first = jwt.indexOf('.');
        int last = jwt.lastIndexOf('.');
        if (first <= 0 || last == first) {
            return Optional.empty();
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(jwt.substring(0, last).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(jwt.substring(last + 1)))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt.substring(first + 1, last)));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** libtrust: SHA-256 of the DER SubjectPublicKeyInfo, first 30 bytes, base32, 12 groups of 4 joined by ':'. */
    static String libtrustKeyId(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        byte[] hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo), 30);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b32 = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : hash) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                b32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        StringBuilder kid = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 4) {
            kid.append(i == 0 ? "" : ":").append(b32, i, i + 4);
        }
        return kid.toString();
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file);
        String begin = "-----BEGIN " + type + "-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END " + type + "-----");
        if (start < 0 || end < 0) {
            throw new IOException(file + " holds no " + type + " block (PKCS#8; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }
}
