package dev.drydock.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeRedirectTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "/runs?status=Failed | /runs?status=Failed",
            "/tasks/app          | /tasks/app",
            "//elsewhere.example | /",
            "/\\elsewhere.example | /",
            "https://elsewhere.example/ | /",
            "runs                | /",
            "/login?next=/x      | /",
            "''                  | /"})
    void shouldOnlyEverRedirectWithinTheDashboard(String next, String expected) {
        assertThat(SafeRedirect.path(next)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'/runs\r\nSet-Cookie: x=1'", "'/a\tb'"})
    void shouldRefuseControlCharacters(String next) {
        assertThat(SafeRedirect.path(next)).isEqualTo("/");
    }
}
