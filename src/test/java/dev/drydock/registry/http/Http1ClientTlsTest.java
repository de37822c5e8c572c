package dev.drydock.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS: the certificate is checked against the trust store and the host name, connections are reused. */
class Http1ClientTlsTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        // a self-signed certificate for "localhost" only (no IP address in it)
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(km.getKeyManagers(), null, null);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tm.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/v2/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void shouldSpeakHttpsToAServerWhoseCertificateItTrustsAndReuseTheConnection() throws IOException {
        try (Http1Client client = new Http1Client(Duration.ofSeconds(5), Duration.ofSeconds(30),
                trusting.getSocketFactory())) {
            for (int i = 0; i < 2; i++) {
                try (Http1Response response = client.send("GET", uri("localhost"), List.of(), null, Duration.ofSeconds(5))) {
                    assertEquals(200, response.status());
                    assertEquals("{}", new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(1, client.idleConnections());
        }
    }

    @Test
    void shouldRefuseACertificateIssuedForAnotherHost() {
        try (Http1Client client = new Http1Client(Duration.ofSeconds(5), Duration.ofSeconds(30),
                trusting.getSocketFactory())) {
            assertThrows(SSLHandshakeException.class,
                    () -> client.send("GET", uri("127.0.0.1"), List.of(), null, Duration.ofSeconds(5)));
        }
    }

    @Test
    void shouldRefuseACertificateOutsideTheTrustStore() {
        try (Http1Client client = new Http1Client(Duration.ofSeconds(5))) {
            assertThrows(SSLHandshakeException.class,
                    () -> client.send("GET", uri("localhost"), List.of(), null, Duration.ofSeconds(5)));
        }
    }

    private static URI uri(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/v2/");
    }
}
