package dev.drydock.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body over the documented limit (quarkus.http.limits.max-body-size, 10 MiB) is refused with a problem+json 413,
 * whether it declares its length (refused before it is read) or is chunked (refused once it grows past the limit).
 */
@QuarkusTest
class RequestBodyLimitTest {

    static final int MIB = 1024 * 1024;

    @Test
    void shouldAnswerABodyOverTheLimitWithProblemJson413BeforeReadingIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + (11 * MIB)));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":413", "\"field\":\"body\"", "max-body-size");
        }
    }

    @Test
    void shouldAnswerAChunkedBodyThatGrowsOverTheLimitWithProblemJson413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAnswer(socket));
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int sent = 0; sent <= 12 * MIB && !answer.isDone(); sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedByTheServer) {
                // Expected: the server answers and closes the connection before the body ends.
            }
            assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 413")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":413", "\"field\":\"body\"", "max-body-size");
        }
    }

    @Test
    void shouldAcceptAChunkedBodyUnderTheLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            byte[] body = "{\"kind\":\"Dockerfile\",\"content\":\"FROM 127.0.0.1:1/x:1\\n\"}".getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200").contains("127.0.0.1:1/x:1");
        }
    }

    private static byte[] head(String lengthHeader) {
        return ("POST /api/v1/buildfiles/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-admin-token\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n" + lengthHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sends until it closes the connection (a reset after the answer ends it too). */
    private static String readAnswer(Socket socket) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // The answer read so far is what the server sent.
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
