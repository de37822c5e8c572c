package dev.drydock.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A body over the documented limit (quarkus.http.limits.max-body-size, 10 MiB) is refused with a problem+json 413
 * before it is read: the test declares 11 MiB and sends none of it.
 */
@QuarkusTest
class RequestBodyLimitTest {

    @Test
    void shouldAnswerABodyOverTheLimitWithProblemJson413BeforeReadingIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-admin-token\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + (11 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":413", "\"field\":\"body\"", "max-body-size");
        }
    }
}
