package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.registry.FakeRegistry.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReferrerLister} through {@link RegistryClient#listReferrers}, against a scripted registry. */
class ReferrerListerTest {

    private static final Digest SUBJECT = Digest.sha256Of("the image".getBytes(UTF_8));
    private static final Digest SIGNATURE = Digest.sha256Of("a signature".getBytes(UTF_8));
    private static final Digest SBOM = Digest.sha256Of("an sbom".getBytes(UTF_8));

    private FakeRegistry registry;

    @AfterEach
    void stop() {
        registry.close();
    }

    private static RegistryClient client() {
        return RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true)
                .withTimeout(Duration.ofSeconds(10))).build();
    }

    private static byte[] index(Digest... referrers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
                + "\",\"manifests\":[");
        for (int i = 0; i < referrers.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                    .append("\",\"digest\":\"").append(referrers[i]).append("\",\"size\":321,")
                    .append("\"artifactType\":\"application/vnd.example.sig\"}");
        }
        return json.append("]}").toString().getBytes(UTF_8);
    }

    @Test
    void shouldListTheReferrersOfEveryPage() {
        registry = FakeRegistry.start((ex, n) -> ex.getRequestURI().getRawQuery() == null
                ? new Reply(200, Map.of("Content-Type", MediaTypes.OCI_INDEX, "Link",
                        "</v2/app/referrers/" + SUBJECT + "?page=2>; rel=\"next\""), index(SIGNATURE))
                : new Reply(200, Map.of("Content-Type", MediaTypes.OCI_INDEX), index(SBOM)));

        Optional<List<Descriptor>> referrers = client().listReferrers(registry.ref("app"), SUBJECT);

        assertThat(referrers).hasValueSatisfying(list -> assertThat(list).containsExactly(
                new Descriptor(MediaTypes.OCI_MANIFEST, SIGNATURE, 321),
                new Descriptor(MediaTypes.OCI_MANIFEST, SBOM, 321)));
        assertThat(registry.seen()).extracting(FakeRegistry.Seen::path).containsExactly(
                "/v2/app/referrers/" + SUBJECT, "/v2/app/referrers/" + SUBJECT + "?page=2");
        assertThat(registry.seen().get(0).headers().getFirst("Accept")).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void shouldAnswerAnEmptyListForADigestWithoutReferrers() {
        registry = FakeRegistry.start((ex, n) -> new Reply(200, Map.of("Content-Type", MediaTypes.OCI_INDEX),
                index()));

        assertThat(client().listReferrers(registry.ref("app"), SUBJECT)).contains(List.of());
    }

    @Test
    void shouldTellARegistryWithoutTheApiByItsNotFound() {
        registry = FakeRegistry.start((ex, n) -> new Reply(404, Map.of(), "404 page not found\n".getBytes(UTF_8)));

        assertThat(client().listReferrers(registry.ref("app"), SUBJECT)).isEmpty();
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoIndex() {
        registry = FakeRegistry.start((ex, n) -> new Reply(200, Map.of(), "{\"tags\":[]}".getBytes(UTF_8)));

        RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
                () -> client().listReferrers(registry.ref("app"), SUBJECT));

        assertThat(e).hasMessageContaining("not an image index");
    }
}
