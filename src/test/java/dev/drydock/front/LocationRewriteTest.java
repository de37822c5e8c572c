package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LocationRewriteTest {

    private final LocationRewrite rewrite = LocationRewrite.of(URI.create("http://127.0.0.1:5002"));

    @Test
    void shouldPointAnUploadLocationAtThePublicAddress() {
        assertThat(rewrite.rewrite("http://127.0.0.1:5002/v2/a/blobs/uploads/u1?_state=xyz", "http://registry:5000"))
                .isEqualTo("http://registry:5000/v2/a/blobs/uploads/u1?_state=xyz");
    }

    @Test
    void shouldLeaveRelativeLocationsAndOtherHostsAlone() {
        assertThat(rewrite.rewrite("/v2/a/blobs/uploads/u1", "http://registry:5000")).isEqualTo("/v2/a/blobs/uploads/u1");
        assertThat(rewrite.rewrite("https://bucket.s3.amazonaws.com/blob?sig=1", "http://registry:5000"))
                .isEqualTo("https://bucket.s3.amazonaws.com/blob?sig=1");
        assertThat(rewrite.rewrite("http://127.0.0.1:50021/v2/", "http://registry:5000"))
                .as("another port that only starts alike").isEqualTo("http://127.0.0.1:50021/v2/");
        assertThat(rewrite.rewrite(null, "http://registry:5000")).isNull();
    }

    @Test
    void shouldRewriteALinkHeadersUrl() {
        assertThat(rewrite.rewrite("<http://127.0.0.1:5002/v2/_catalog?last=b&n=2>; rel=\"next\"", "http://r:5000"))
                .isEqualTo("<http://r:5000/v2/_catalog?last=b&n=2>; rel=\"next\"");
    }

    @Test
    void shouldDropADefaultPortFromTheBackendsOrigin() {
        LocationRewrite https = LocationRewrite.of(URI.create("https://storage.internal"));
        assertThat(https.rewrite("https://storage.internal/v2/a", "https://registry.example.com"))
                .isEqualTo("https://registry.example.com/v2/a");
    }
}
