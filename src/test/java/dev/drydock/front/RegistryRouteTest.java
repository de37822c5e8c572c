package dev.drydock.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.access.RepositoryAction;
import dev.drydock.front.RegistryRoute.Kind;
import dev.drydock.front.RegistryRoute.Need;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryRouteTest {

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "GET, /v2/team-a/app/manifests/1.0, team-a/app, CONTENT_READ",
            "HEAD, /v2/team-a/app/manifests/sha256:abc, team-a/app, CONTENT_READ",
            "PUT, /v2/team-a/app/manifests/latest, team-a/app, CONTENT_WRITE",
            "DELETE, /v2/team-a/app/manifests/sha256:abc, team-a/app, CONTENT_DELETE",
            "GET, /v2/library/busybox/blobs/sha256:abc, library/busybox, CONTENT_READ",
            "HEAD, /v2/a/b/c/blobs/sha256:abc, a/b/c, CONTENT_READ",
            "DELETE, /v2/app/blobs/sha256:abc, app, CONTENT_DELETE",
            "POST, /v2/team-a/app/blobs/uploads/, team-a/app, CONTENT_WRITE",
            "PATCH, /v2/team-a/app/blobs/uploads/0f1e-uuid, team-a/app, CONTENT_WRITE",
            "PUT, /v2/team-a/app/blobs/uploads/0f1e-uuid, team-a/app, CONTENT_WRITE",
            "GET, /v2/team-a/app/blobs/uploads/0f1e-uuid, team-a/app, CONTENT_WRITE",
            "DELETE, /v2/team-a/app/blobs/uploads/0f1e-uuid, team-a/app, CONTENT_WRITE",
            "GET, /v2/team-a/app/tags/list, team-a/app, METADATA_READ",
            "GET, /v2/x/manifests/y/manifests/1, x/manifests/y, CONTENT_READ",
    })
    void shouldMapEachRegistryCallToItsRepositoryAndAction(String method, String path, String repository,
            RepositoryAction action) {
        RegistryRoute route = RegistryRoute.of(method, path, null);
        assertThat(route.kind()).isEqualTo(Kind.REPOSITORY);
        assertThat(route.repository()).isEqualTo(repository);
        assertThat(route.needs()).containsExactly(new Need(repository, action));
    }

    @Test
    void shouldAlsoNeedReadOnTheSourceOfABlobMount() {
        RegistryRoute route = RegistryRoute.of("POST", "/v2/team-a/app/blobs/uploads/",
                "mount=sha256%3Aabc&from=team-b%2Fbase");
        assertThat(route.needs()).containsExactly(new Need("team-a/app", RepositoryAction.CONTENT_WRITE),
                new Need("team-b/base", RepositoryAction.CONTENT_READ));
        assertThat(route.needs().get(1).scope()).isEqualTo("repository:team-b/base:pull");
    }

    @Test
    void shouldNameTheScopeADockerClientAsksForInTheChallenge() {
        assertThat(RegistryRoute.of("GET", "/v2/a/manifests/1", null).scope()).isEqualTo("repository:a:pull");
        assertThat(RegistryRoute.of("PUT", "/v2/a/manifests/1", null).scope()).isEqualTo("repository:a:pull,push");
        assertThat(RegistryRoute.of("DELETE", "/v2/a/manifests/1", null).scope()).isEqualTo("repository:a:delete");
        assertThat(RegistryRoute.of("GET", "/v2/_catalog", "n=10").scope()).isEqualTo("registry:catalog:*");
        assertThat(RegistryRoute.of("GET", "/v2/", null).scope()).isNull();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "GET, /v2/, BASE",
            "GET, /v2, BASE",
            "GET, /v2/_catalog, CATALOG",
            "POST, /v2/_catalog, UNKNOWN",
            "GET, /service/token, TOKEN",
            "POST, /service/token, TOKEN",
            "GET, /v2/Upper/manifests/1, UNKNOWN",
            "GET, /v2/a//b/manifests/1, UNKNOWN",
            "GET, /v2/../etc/manifests/1, UNKNOWN",
            "PATCH, /v2/a/manifests/1, UNKNOWN",
            "PUT, /v2/a/blobs/sha256:abc, UNKNOWN",
            "POST, /v2/a/tags/list, UNKNOWN",
            "GET, /api/v1/tasks, UNKNOWN",
            "GET, /v2/a/other/1, UNKNOWN",
    })
    void shouldKnowTheOtherRoutesAndRefuseWhatIsNoRegistryCall(String method, String path, Kind kind) {
        assertThat(RegistryRoute.of(method, path, null).kind()).isEqualTo(kind);
    }

    @Test
    void shouldRefuseAMountFromAnInvalidName() {
        assertThat(RegistryRoute.of("POST", "/v2/a/blobs/uploads/", "mount=sha256:abc&from=..%2Fx").kind())
                .isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void shouldCountOnlyManifestGetsAsPulls() {
        assertThat(RegistryRoute.isPull("GET", "/v2/a/manifests/1")).isTrue();
        assertThat(RegistryRoute.isPull("HEAD", "/v2/a/manifests/1")).isFalse();
        assertThat(RegistryRoute.isPull("GET", "/v2/a/blobs/sha256:abc")).isFalse();
        assertThat(List.of()).isEmpty();
    }
}
