package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PagingTest {

    private static Paging parse(String... args) {
        Paging paging = new Paging();
        new CommandLine(paging).parseArgs(args);
        return paging;
    }

    @Test
    void shouldAddPageAndSizeOnlyWhenGiven() {
        assertThat(parse().path("/api/v1/runs", "task", "app", "status", null)).isEqualTo("/api/v1/runs?task=app");
        assertThat(parse("--page", "2", "--top", "5").path("/api/v1/runs", "task", "app"))
                .isEqualTo("/api/v1/runs?task=app&page=2&size=5");
    }
}
