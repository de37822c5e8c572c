package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void shouldSayTheFieldAndWhatIsWrongInOneLine() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"must be lower-case letters, digits and dashes\",\"field\":\"name\"}";
        assertThat(Api.failure(400, problem).getMessage())
                .isEqualTo("name: must be lower-case letters, digits and dashes [HTTP 400]");
    }

    @Test
    void shouldJoinSeveralFieldErrors() {
        String problem = "{\"status\":400,\"title\":\"Bad Request\",\"errors\":[{\"field\":\"images[0]\",\"detail\":\"not an image\"},"
                + "{\"field\":\"buildFile\",\"detail\":\"is required\"}]}";
        assertThat(Api.failure(400, problem).getMessage())
                .isEqualTo("images[0]: not an image; buildFile: is required [HTTP 400]");
    }

    @Test
    void shouldPointAtLoginWhenUnauthorizedAndKeepPlainBodiesToOneLine() {
        assertThat(Api.failure(401, "{\"status\":401,\"title\":\"Unauthorized\"}").getMessage())
                .isEqualTo("Unauthorized (run drydock login, or set DRYDOCK_TOKEN) [HTTP 401]");
        assertThat(Api.failure(502, "bad gateway\nmore").getMessage()).isEqualTo("bad gateway [HTTP 502]");
        assertThat(Api.failure(500, "").getMessage()).isEqualTo("HTTP 500 [HTTP 500]");
    }

    @Test
    void shouldEncodeQueryValuesAndLeaveOutNullOnes() {
        assertThat(Api.path("/api/v1/runs", "task", "a b", "status", null, "size", 5)).isEqualTo("/api/v1/runs?task=a%20b&size=5");
        assertThat(Api.path("/api/v1/tasks")).isEqualTo("/api/v1/tasks");
    }
}
