package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The token service's signing key and certificate for the tests, made once per test JVM with openssl as
 * {@code ./drydock up} makes them; the certificate is the {@code rootcertbundle} of a registry that trusts drydock.
 */
public final class TestSigningKey {

    public static final String SERVICE_USERNAME = "drydock-service";
    public static final String SERVICE_PASSWORD = "test-service-password";

    private static Path dir;

    private TestSigningKey() {}

    public static synchronized Path dir() {
        if (dir == null) {
            Path d = TestStack.workDir().resolve("access-" + ProcessHandle.current().pid());
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalProcess.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", d.resolve("token-key.pem").toString(), "-out", d.resolve("token-cert.pem").toString(),
                    "-days", "2", "-subj", "/CN=drydock token service"), Duration.ofSeconds(30));
            dir = d;
        }
        return dir;
    }

    public static Path key() {
        return dir().resolve("token-key.pem");
    }

    public static Path certificate() {
        return dir().resolve("token-cert.pem");
    }
}
