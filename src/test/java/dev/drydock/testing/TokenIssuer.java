package dev.drydock.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for a Distribution registry with {@code auth.token}: signs ES256 JWTs with a key whose
 * self-signed certificate (made by {@code openssl req -x509}) is the registry's {@code rootcertbundle}.
 * Distribution finds the key by {@code kid}, the libtrust fingerprint of the public key. Anyone gets every
 * action asked for, except a request with wrong Basic credentials, which gets 401.
 */
public final class TokenIssuer implements AutoCloseable {

    public static final String SERVICE = "drydock-test-registry";
    public static final String ISSUER = "drydock-test-issuer";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PrivateKey key;
    private final String kid;
    private final Path certificate;
    private final Map<String, String> users;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile Duration reportedExpiresIn = Duration.ofSeconds(300);
    private volatile Duration jwtLifetime = Duration.ofSeconds(300);

    private TokenIssuer(Path dir, Map<String, String> users) throws Exception {
        this.users = Map.copyOf(users);
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("issuer-key.pem");
        certificate = dir.resolve("issuer-cert.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyFile.toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=" + ISSUER));
        key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(keyFile, "PRIVATE KEY")));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));
        kid = libtrustKeyId(cert.getPublicKey().getEncoded());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/token", this::token);
        server.start();
    }

    public static TokenIssuer start(Path dir, Map<String, String> users) {
        try {
            return new TokenIssuer(dir, users);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test token issuer", e);
        }
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public Path certificate() {
        return certificate;
    }

    public int tokensIssued() {
        return issued.get();
    }

    /** Token requests received, issued or refused. */
    public int requests() {
        return asked.get();
    }

    /** {@code expires_in} as the answer states it. */
    public void reportExpiresIn(Duration d) {
        reportedExpiresIn = d;
    }

    /**
     * The JWT's real {@code exp}, which the registry enforces with 60 s of leeway (Distribution 2.8): a
     * lifetime of -59 s makes a token the registry accepts for about one more second.
     */
    public void jwtLifetime(Duration d) {
        jwtLifetime = d;
    }

    /** libtrust: SHA-256 of the DER SubjectPublicKeyInfo, first 30 bytes, base32, 12 groups of 4 joined by ':'. */
    static String libtrustKeyId(byte[] subjectPublicKeyInfo) throws Exception {
        byte[] hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo), 30);
        String b32 = base32(hash);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < b32.length(); i += 4) {
            groups.add(b32.substring(i, i + 4));
        }
        return String.join(":", groups);
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private void token(HttpExchange ex) throws IOException {
        asked.incrementAndGet();
        try (ex) {
            String subject = "";
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
                        .split(":", 2);
                if (pair.length != 2 || !pair[1].equals(users.get(pair[0]))) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                subject = pair[0];
            }
            List<String> scopes = new ArrayList<>();
            String query = ex.getRequestURI().getRawQuery();
            for (String param : query == null ? new String[0] : query.split("&")) {
                String[] kv = param.split("=", 2);
                if (kv[0].equals("scope") && kv.length == 2) {
                    scopes.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            Instant now = Instant.now();
            ObjectNode claims = JSON.createObjectNode()
                    .put("iss", ISSUER).put("sub", subject).put("aud", SERVICE) // aud: a string, not an array
                    .put("exp", now.plus(jwtLifetime).getEpochSecond())
                    .put("nbf", now.minusSeconds(120).getEpochSecond())
                    .put("iat", now.getEpochSecond())
                    .put("jti", UUID.randomUUID().toString());
            ArrayNode access = claims.putArray("access");
            for (String scope : scopes) {
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                ObjectNode grant = access.addObject().put("type", scope.substring(0, first))
                        .put("name", scope.substring(first + 1, last));
                ArrayNode actions = grant.putArray("actions");
                Arrays.stream(scope.substring(last + 1).split(",")).forEach(actions::add);
            }
            String jwt = sign(claims);
            issued.incrementAndGet();
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", jwt)
                    .put("expires_in", reportedExpiresIn.toSeconds()).put("issued_at", now.toString()));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (Exception e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private String sign(ObjectNode claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "ES256").put("kid", kid);
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format"); // JOSE wants r||s, not DER
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (start < 0 || end < 0) {
            throw new IOException(file + " holds no " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(start + ("-----BEGIN " + type + "-----").length(), end));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
