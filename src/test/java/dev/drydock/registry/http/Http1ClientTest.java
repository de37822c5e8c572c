package dev.drydock.registry.http;

import static dev.drydock.registry.http.ScriptedServer.Reply.keep;
import static dev.drydock.registry.http.ScriptedServer.Reply.thenClose;
import static dev.drydock.registry.http.ScriptedServer.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drydock.net.AddressNotAllowedException;
import dev.drydock.net.Cidr;
import dev.drydock.net.OutboundPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Http1ClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<Map.Entry<String, String>> NO_HEADERS = List.of();

    private final Http1Client client = new Http1Client(Duration.ofSeconds(2));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void shouldReadAFixedLengthBodyAndReuseTheConnection() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"))) {
            for (int i = 0; i < 3; i++) {
                try (Http1Response response = client.send("GET", server.uri("/v2/"), NO_HEADERS, null, TIMEOUT)) {
                    assertEquals(200, response.status());
                    assertEquals("hello", text(response.body()));
                }
            }
            assertEquals(1, server.connections.get(), "three requests, one connection");
            assertEquals(1, client.idleConnections());
        }
    }

    @Test
    void shouldSendHostHeadersAndBody() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"))) {
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            try (Http1Response response = client.send("PUT", server.uri("/v2/app/manifests/1?x=a%2Fb"),
                    List.of(Map.entry("Content-Type", "application/json")), RequestBody.of(body), TIMEOUT)) {
                assertEquals(201, response.status());
            }
            ScriptedServer.Request seen = server.requests.get(0);
            assertEquals("PUT /v2/app/manifests/1?x=a%2Fb HTTP/1.1", seen.requestLine());
            assertEquals(server.uri("").getAuthority(), seen.header("Host"));
            assertEquals("application/json", seen.header("Content-Type"));
            assertEquals("7", seen.header("Content-Length"));
            assertArrayEquals(body, seen.body());
        }
    }

    @Test
    void shouldAssembleAChunkedBodyWithExtensionsAndTrailers() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(r -> keep(chunked))) {
            for (int i = 0; i < 2; i++) {
                try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                    assertEquals("hello, world", text(response.body()));
                }
            }
            assertEquals(1, server.connections.get(), "the chunked body ended cleanly, so the connection was reused");
        }
    }

    @Test
    void shouldReadNoBodyAfterHeadEvenWithAContentLength() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep(r.requestLine().startsWith("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nDocker-Content-Digest: sha256:abc\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            try (Http1Response head = client.send("HEAD", server.uri("/m"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("sha256:abc", head.headers().firstValue("docker-content-digest").orElseThrow());
                assertEquals(0, head.body().readAllBytes().length);
            }
            try (Http1Response get = client.send("GET", server.uri("/m"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("ok", text(get.body()), "the next answer on the connection is read from its start");
            }
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void shouldSkipInterimAnswers() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone"))) {
            try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals(200, response.status());
                assertEquals("done", text(response.body()));
            }
        }
    }

    @Test
    void shouldNotReuseAConnectionTheServerSaysItCloses() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> thenClose(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"))) {
            for (int i = 0; i < 2; i++) {
                try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                    assertEquals("x", text(response.body()));
                }
            }
            assertEquals(2, server.connections.get());
            assertEquals(0, client.idleConnections());
        }
    }

    @Test
    void shouldReadABodyWithoutLengthUntilTheServerCloses() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> thenClose("HTTP/1.1 200 OK\r\n\r\nto the end"))) {
            try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("to the end", text(response.body()));
            }
            assertEquals(0, client.idleConnections(), "a body delimited by closing leaves no connection to reuse");
        }
    }

    @Test
    void shouldSendAGetAgainOnANewConnectionWhenTheServerClosedTheIdleOne() throws IOException {
        // the server answers as if it kept the connection, then closes it while it sits idle in the pool
        try (ScriptedServer server = new ScriptedServer(r -> thenClose("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            try (Http1Response first = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("ok", text(first.body()));
            }
            assertEquals(1, client.idleConnections());
            try (Http1Response second = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("ok", text(second.body()));
            }
            assertEquals(2, server.connections.get());
            assertEquals(2, server.requests.size(), "the stale connection carried nothing to the server");
        }
    }

    @Test
    void shouldNotSendAPostTwiceWhenItsConnectionWasClosed() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> thenClose("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"))) {
            client.send("POST", server.uri("/v2/app/blobs/uploads/"), NO_HEADERS, null, TIMEOUT).close();
            assertThrows(IOException.class,
                    () -> client.send("POST", server.uri("/v2/app/blobs/uploads/"), NO_HEADERS, null, TIMEOUT));
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void shouldNotReuseAConnectionWhoseBodyWasLeftUnread() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"))) {
            try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals('0', response.body().read());
            }
            assertEquals(0, client.idleConnections());
            try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals("0123456789", text(response.body()));
            }
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void shouldFailWhenTheBodyEndsEarly() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> thenClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))) {
            try (Http1Response response = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertThrows(EOFException.class, () -> response.body().readAllBytes());
            }
            assertEquals(0, client.idleConnections());
        }
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotHttpWithoutRepeatingIt() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> thenClose("SSH-2.0-OpenSSH_9.2 banner\r\n\r\n"))) {
            IOException e = assertThrows(IOException.class,
                    () -> client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT));
            assertEquals("the answer is not HTTP/1.x", e.getMessage());
        }
    }

    @Test
    void shouldNotConnectToAnAddressThePolicyDenies() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                Http1Client strict = new Http1Client(Duration.ofSeconds(2), OutboundPolicy.defaults().withLoopback(false))) {
            AddressNotAllowedException e = assertThrows(AddressNotAllowedException.class,
                    () -> strict.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT));
            assertEquals("address of 127.0.0.1 is not allowed by drydock.outbound (a loopback address; see "
                    + "drydock.outbound.allow-loopback)", e.getMessage());
            try (Http1Response allowed = client.send("GET", server.uri("/"), NO_HEADERS, null, TIMEOUT)) {
                assertEquals(200, allowed.status());
            }
            assertEquals(1, server.connections.get(), "the only connection the server saw is the allowed one");
        }
    }

    @Test
    void shouldCheckTheAddressAHostNameResolvesTo() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                Http1Client strict = new Http1Client(Duration.ofSeconds(2), OutboundPolicy.defaults()
                        .withDenied(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1"))))) {
            URI byName = URI.create("http://localhost:" + server.uri("/").getPort() + "/");
            assertThrows(AddressNotAllowedException.class, () -> strict.send("GET", byName, NO_HEADERS, null, TIMEOUT));
            assertEquals(0, server.requests.size());
        }
    }

    @Test
    void shouldSayOnlyThatItCouldNotConnect() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ConnectException e = assertThrows(ConnectException.class, () -> client.send("GET",
                URI.create("http://127.0.0.1:" + port + "/"), NO_HEADERS, null, TIMEOUT));
        assertEquals("could not connect to 127.0.0.1:" + port, e.getMessage());
    }

    @Test
    void shouldTimeOutWhenTheServerDoesNotAnswer() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return thenClose("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        })) {
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class,
                    () -> client.send("GET", server.uri("/"), NO_HEADERS, null, Duration.ofMillis(300)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_500, "gave up after " + millis + " ms, not after the server's 3 s");
        }
    }

    @Test
    void shouldRefuseHeadersThatWouldSplitTheRequest() throws IOException {
        try (ScriptedServer server = new ScriptedServer(r -> keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.send("GET",
                    server.uri("/"), List.of(Map.entry("X-Evil", "a\r\nX-Injected: 1")), null, TIMEOUT));
            assertTrue(e.getMessage().contains("X-Evil"), e.getMessage());
            assertEquals(0, server.requests.size());
        }
    }

    @Test
    void shouldRefuseAUriThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class, () -> client.send("GET",
                java.net.URI.create("ftp://example.com/x"), NO_HEADERS, null, TIMEOUT));
    }
}
