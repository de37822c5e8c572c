package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkHeaderTest {

    private static final URI PAGE = URI.create("http://127.0.0.1:5000/v2/app/tags/list?n=2");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "distribution style|</v2/app/tags/list?last=b&n=2>; rel=\"next\"|http://127.0.0.1:5000/v2/app/tags/list?last=b&n=2",
        "unquoted rel|</v2/app/tags/list?last=b&n=2>;rel=next|http://127.0.0.1:5000/v2/app/tags/list?last=b&n=2",
        "absolute target|<https://other.example/v2/app/tags/list?last=b>; rel=\"next\"|https://other.example/v2/app/tags/list?last=b",
        "next after prev|</v2/app/tags/list?last=a>; rel=\"prev\", </v2/app/tags/list?last=c>; rel=\"next\"|http://127.0.0.1:5000/v2/app/tags/list?last=c",
        "several rel values|</v2/app/tags/list?last=d>; rel=\"last next\"|http://127.0.0.1:5000/v2/app/tags/list?last=d",
        "other params first|</v2/x?last=e>; title=\"a, b\"; rel=\"next\"|http://127.0.0.1:5000/v2/x?last=e",
    })
    void shouldFindTheNextPage(String name, String header, String expected) {
        assertThat(LinkHeader.next(List.of(header), PAGE)).contains(URI.create(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "only prev|</v2/app/tags/list?last=a>; rel=\"prev\"",
        "no rel|</v2/app/tags/list?last=a>",
        "not a link|garbage",
        "empty|''",
    })
    void shouldFindNoNextPage(String name, String header) {
        assertThat(LinkHeader.next(List.of(header), PAGE)).isEmpty();
    }

    @Test
    void shouldFindNoNextPageWithoutHeaders() {
        assertThat(LinkHeader.next(List.of(), PAGE)).isEmpty();
    }
}
