package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.registry.FakeRegistry.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against scripted registries: retries, Retry-After, circuits, limits, digests, headers. */
class RegistryClientResilienceTest {

    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(UTF_8);
    private static final Digest DIGEST = Digest.sha256Of(MANIFEST);
    private static final Map<String, String> FOUND = Map.of("Docker-Content-Digest", DIGEST.toString(),
            "Content-Type", MediaTypes.OCI_MANIFEST);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private FakeRegistry registry(FakeRegistry.Route route) {
        FakeRegistry r = FakeRegistry.start(route);
        closeables.add(r);
        return r;
    }

    private static RegistryClient.Builder client() {
        return RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true)
                .withTimeout(Duration.ofSeconds(10)));
    }

    @Test
    void shouldWaitAtLeastRetryAfterBeforeRetryingATooManyRequestsAnswer() {
        FakeRegistry upstream = registry((ex, n) -> n == 1
                ? Reply.of(429, Map.of("Retry-After", "1"))
                : new Reply(200, FOUND, MANIFEST));
        RegistryClient client = client().build();

        assertThat(client.headManifest(upstream.ref("app:1"))).map(Descriptor::digest).contains(DIGEST);

        List<FakeRegistry.Seen> seen = upstream.seen();
        assertThat(seen).hasSize(2);
        assertThat(Duration.between(seen.get(0).at(), seen.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(client.requestCount(upstream.host())).isEqualTo(2);
    }

    @Test
    void shouldRetryServerErrorsWithGrowingBackoff() {
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        FakeRegistry upstream = registry((ex, n) -> n <= 2 ? Reply.of(503) : new Reply(200, FOUND, MANIFEST));
        RegistryClient client = client().sleeper(sleeps::add).random(() -> 0).build();

        assertThat(client.headManifest(upstream.ref("app:1"))).isPresent();
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(client.circuitState(upstream.host())).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void shouldReportRateLimitedAtOnceWhenThePolicyDoesNotWaitInline() {
        FakeRegistry upstream = registry((ex, n) -> Reply.of(429, Map.of("Retry-After", "120",
                "ratelimit-limit", "100;w=21600", "ratelimit-remaining", "0;w=21600")));
        RegistryClient client = client().retryPolicy(RetryPolicy.noWait()).build();

        long start = System.nanoTime();
        RegistryRateLimitedException e = catchThrowableOfType(RegistryRateLimitedException.class,
                () -> client.headManifest(upstream.ref("library/nginx:1")));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.temporary()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(e.registry()).isEqualTo(upstream.host());
        assertThat(e.repository()).contains("library/nginx");
        assertThat(e.rateLimit()).map(RateLimitStatus::remaining).contains(0L);
        assertThat(upstream.requests()).isEqualTo(1);
    }

    @Test
    void shouldNotWaitInlineForARetryAfterLongerThanTheMaximumWait() {
        FakeRegistry upstream = registry((ex, n) -> Reply.of(429, Map.of("Retry-After", "3600")));
        RegistryClient client = client().build();

        assertThatThrownBy(() -> client.headManifest(upstream.ref("app:1")))
                .isInstanceOf(RegistryRateLimitedException.class);
        assertThat(upstream.requests()).isEqualTo(1);
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndThenFailFastWithoutARequest() {
        MutableClock clock = new MutableClock(Instant.now());
        FakeRegistry sick = registry((ex, n) -> Reply.of(503));
        RegistryClient client = client().retryPolicy(RetryPolicy.noWait()).clock(clock).build();

        for (int i = 0; i < RegistryClient.Builder.DEFAULT_CIRCUIT_FAILURE_THRESHOLD; i++) {
            RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                    () -> client.headManifest(sick.ref("app:1")));
            assertThat(e).isNotInstanceOf(RegistryCircuitOpenException.class);
            assertThat(e.status()).hasValue(503);
            assertThat(e.temporary()).isTrue();
        }
        assertThat(client.circuitState(sick.host())).isEqualTo(CircuitState.OPEN);

        RegistryCircuitOpenException open = catchThrowableOfType(RegistryCircuitOpenException.class,
                () -> client.headManifest(sick.ref("app:1")));
        assertThat(open.retryAt()).isEqualTo(clock.instant().plus(RegistryClient.Builder.DEFAULT_CIRCUIT_COOL_DOWN));
        assertThat(open.temporary()).isTrue();
        assertThat(sick.requests()).as("no request while open").isEqualTo(5);

        // after the cool-down one trial goes through; the registry has recovered, so the circuit closes
        sick.route((ex, n) -> new Reply(200, FOUND, MANIFEST));
        clock.advance(RegistryClient.Builder.DEFAULT_CIRCUIT_COOL_DOWN);
        assertThat(client.circuitState(sick.host())).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(client.headManifest(sick.ref("app:1"))).isPresent();
        assertThat(client.circuitState(sick.host())).isEqualTo(CircuitState.CLOSED);
        assertThat(sick.requests()).isEqualTo(6);
    }

    @Test
    void shouldOpenTheCircuitWhileRetryingAndStopRetrying() {
        FakeRegistry sick = registry((ex, n) -> Reply.of(502));
        RegistryClient client = client().retryPolicy(RetryPolicy.defaults().withMaxAttempts(10))
                .sleeper(d -> { }).circuitBreaker(3, Duration.ofMinutes(1)).build();

        assertThatThrownBy(() -> client.headManifest(sick.ref("app:1"))).isInstanceOf(RegistryCircuitOpenException.class);
        assertThat(sick.requests()).isEqualTo(3);
    }

    @Test
    void shouldKeepServingOtherRegistriesWhileOneHangsOrFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeRegistry hanging = registry((ex, n) -> {
            release.await(20, TimeUnit.SECONDS);
            return new Reply(200, FOUND, MANIFEST);
        });
        FakeRegistry failing = registry((ex, n) -> Reply.of(500));
        FakeRegistry healthy = registry((ex, n) -> new Reply(200, FOUND, MANIFEST));
        RegistryClient client = client().retryPolicy(RetryPolicy.noWait()).build();
        try {
            // fill every request slot of the hanging registry, and queue more behind them
            List<Future<?>> stuck = new ArrayList<>();
            for (int i = 0; i < RegistrySettings.DEFAULT_MAX_CONCURRENT_REQUESTS + 4; i++) {
                stuck.add(pool.submit(() -> client.headManifest(hanging.ref("app:1"))));
            }
            for (int i = 0; i < 10; i++) {
                try {
                    client.headManifest(failing.ref("app:1"));
                } catch (RegistryException expected) {
                    // opens its circuit after five
                }
            }
            assertThat(client.circuitState(failing.host())).isEqualTo(CircuitState.OPEN);

            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(client.headManifest(healthy.ref("app:" + i))).isPresent();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(healthy.requests()).isEqualTo(20);
            assertThat(hanging.maxInFlight()).isLessThanOrEqualTo(RegistrySettings.DEFAULT_MAX_CONCURRENT_REQUESTS);
            assertThat(stuck).noneMatch(Future::isDone);
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldNeverHaveMoreRequestsInFlightThanTheRegistrysLimit() throws Exception {
        FakeRegistry slow = registry((ex, n) -> {
            Thread.sleep(150);
            return new Reply(200, FOUND, MANIFEST);
        });
        RegistryClient client = client().settings(RegistrySettingsProvider.of(RegistrySettings.defaults(),
                Map.of(slow.host(), new RegistrySettings(true, 2, Duration.ofSeconds(10))))).build();

        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> client.headManifest(slow.ref("app:1"))));
        }
        for (Future<?> f : calls) {
            f.get(20, TimeUnit.SECONDS);
        }
        assertThat(slow.requests()).isEqualTo(8);
        assertThat(slow.maxInFlight()).isEqualTo(2);
    }

    @Test
    void shouldSendAllFourManifestMediaTypesInAccept() {
        FakeRegistry upstream = registry((ex, n) -> new Reply(200, FOUND, MANIFEST));
        RegistryClient client = client().build();

        client.headManifest(upstream.ref("app:1"));
        client.getManifest(upstream.ref("app:1"));

        for (FakeRegistry.Seen s : upstream.seen()) {
            String accept = String.join(",", s.headers().get("Accept"));
            assertThat(accept).contains(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST,
                    MediaTypes.DOCKER_MANIFEST_V2);
        }
        assertThat(upstream.seen()).extracting(FakeRegistry.Seen::method).containsExactly("HEAD", "GET");
        assertThat(upstream.seen()).extracting(FakeRegistry.Seen::path)
                .containsOnly("/v2/app/manifests/1");
    }

    @Test
    void shouldRejectAManifestWhoseBodyDoesNotMatchDockerContentDigest() {
        Digest other = Digest.sha256Of("something else".getBytes(UTF_8));
        FakeRegistry lying = registry((ex, n) -> new Reply(200, Map.of("Docker-Content-Digest", other.toString(),
                "Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
        RegistryClient client = client().build();

        DigestMismatchException e = catchThrowableOfType(DigestMismatchException.class,
                () -> client.getManifest(lying.ref("app:1")));
        assertThat(e.expected()).isEqualTo(other);
        assertThat(e.actual()).isEqualTo(DIGEST);
        assertThat(e.temporary()).isFalse();
    }

    @Test
    void shouldRejectAManifestThatDoesNotMatchThePinnedDigest() {
        FakeRegistry lying = registry((ex, n) -> new Reply(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
        RegistryClient client = client().build();
        Digest pinned = Digest.sha256Of("pinned".getBytes(UTF_8));

        assertThatThrownBy(() -> client.getManifest(lying.ref("app@" + pinned))).isInstanceOf(DigestMismatchException.class);
        assertThat(client.getManifest(lying.ref("app@" + DIGEST))).map(Manifest::digest).contains(DIGEST);
    }

    @Test
    void shouldTreatAMissingManifestAsEmpty() {
        FakeRegistry upstream = registry((ex, n) -> new Reply(404, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes(UTF_8)));
        RegistryClient client = client().build();

        assertThat(client.headManifest(upstream.ref("app:gone"))).isEmpty();
        assertThat(client.getManifest(upstream.ref("app:gone"))).isEmpty();
    }

    @Test
    void shouldReportUnexpectedAnswersWithTheirErrorCodes() {
        FakeRegistry upstream = registry((ex, n) -> new Reply(400, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"NAME_INVALID\",\"message\":\"invalid repository name\"}]}".getBytes(UTF_8)));
        RegistryClient client = client().build();

        RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
                () -> client.getManifest(upstream.ref("app:1")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCodes()).containsExactly("NAME_INVALID");
        assertThat(e).hasMessageContaining("invalid repository name").hasMessageContaining(upstream.host() + "/app");
        assertThat(e.temporary()).isFalse();
    }

    @Test
    void shouldExposeTheLatestRateLimitOfEachRegistry() {
        FakeRegistry hub = registry((ex, n) -> new Reply(200, Map.of("Docker-Content-Digest", DIGEST.toString(),
                "ratelimit-limit", "100;w=21600", "ratelimit-remaining", (100 - n) + ";w=21600"), MANIFEST));
        FakeRegistry other = registry((ex, n) -> new Reply(200, FOUND, MANIFEST));
        RegistryClient client = client().build();

        client.headManifest(hub.ref("library/nginx:1"));
        client.headManifest(hub.ref("library/nginx:1"));
        client.headManifest(other.ref("app:1"));

        RateLimitStatus status = client.rateLimit(hub.host()).orElseThrow();
        assertThat(status.limit()).isEqualTo(100);
        assertThat(status.remaining()).isEqualTo(98);
        assertThat(status.window()).contains(Duration.ofSeconds(21600));
        assertThat(client.rateLimit(other.host())).isEmpty();
        assertThat(client.requestCounts()).containsEntry(hub.host(), 2L).containsEntry(other.host(), 1L);
    }

    @Test
    void shouldFollowTagListPagesAlongLinkHeaders() {
        FakeRegistry upstream = registry((ex, n) -> {
            String query = ex.getRequestURI().getRawQuery();
            if (query.contains("last=b")) {
                return new Reply(200, Map.of(), "{\"name\":\"app\",\"tags\":[\"c\"]}".getBytes(UTF_8));
            }
            return new Reply(200, Map.of("Link", "</v2/app/tags/list?last=b&n=2>; rel=\"next\""),
                    "{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}".getBytes(UTF_8));
        });
        RegistryClient client = client().build();

        assertThat(client.listTags(upstream.ref("app"), 2)).containsExactly("a", "b", "c");
        assertThat(upstream.seen()).extracting(FakeRegistry.Seen::path)
                .containsExactly("/v2/app/tags/list?n=2", "/v2/app/tags/list?last=b&n=2");
    }

    @Test
    void shouldStopFollowingTagPagesAfterTheMaximum() {
        FakeRegistry upstream = registry((ex, n) -> new Reply(200,
                Map.of("Link", "</v2/app/tags/list?last=t" + n + "&n=1>; rel=\"next\""),
                ("{\"name\":\"app\",\"tags\":[\"t" + n + "\"]}").getBytes(UTF_8)));
        RegistryClient client = client().build();

        RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
                () -> client.listTags(upstream.ref("app"), 1));

        assertThat(e).hasMessageContaining("more than " + TagLister.MAX_PAGES + " pages of tags");
        assertThat(upstream.requests()).isEqualTo(TagLister.MAX_PAGES);
    }

    @Test
    void shouldStopCollectingTagsAfterTheMaximum() {
        StringBuilder page = new StringBuilder("{\"name\":\"app\",\"tags\":[");
        for (int i = 0; i <= TagLister.MAX_TAGS; i++) {
            page.append(i == 0 ? "" : ",").append("\"").append(i).append("\"");
        }
        byte[] body = page.append("]}").toString().getBytes(UTF_8);
        FakeRegistry upstream = registry((ex, n) -> new Reply(200, Map.of(), body));
        RegistryClient client = client().build();

        RegistryResponseException e = catchThrowableOfType(RegistryResponseException.class,
                () -> client.listTags(upstream.ref("app")));

        assertThat(e).hasMessageContaining("more than " + TagLister.MAX_TAGS + " tags");
    }

    @Test
    void shouldCancelAStreamedUploadWhoseBytesDoNotMatchTheDigest() {
        FakeRegistry source = registry((ex, n) -> new Reply(200, Map.of(), "not the blob".getBytes(UTF_8)));
        FakeRegistry target = registry(FakeUpload::answer);
        RegistryClient client = client().build();
        Digest digest = Digest.sha256Of("the blob".getBytes(UTF_8));

        DigestMismatchException e = catchThrowableOfType(DigestMismatchException.class,
                () -> client.copyBlob(source.ref("app"), target.ref("app"), digest));

        assertThat(e).hasMessageContaining(digest.toString());
        assertThat(target.seen()).extracting(FakeRegistry.Seen::method).containsExactly("POST", "PATCH", "DELETE");
    }

    @Test
    void shouldStreamTheDownloadIntoOnePatchAndCommitItWithTheDigest() {
        byte[] blob = new byte[300_000];
        new java.util.Random(7).nextBytes(blob);
        Digest digest = Digest.sha256Of(blob);
        FakeRegistry source = registry((ex, n) -> new Reply(200, Map.of(), blob));
        FakeRegistry target = registry(FakeUpload::answer);
        RegistryClient client = client().build();

        assertThat(client.copyBlob(source.ref("app"), target.ref("app"), digest)).isTrue();

        assertThat(target.seen()).extracting(FakeRegistry.Seen::method).containsExactly("POST", "PATCH", "PUT");
        FakeRegistry.Seen patch = target.seen().get(1);
        assertThat(patch.headers().getFirst("Content-Length")).isEqualTo(String.valueOf(blob.length));
        assertThat(patch.headers().getFirst("Content-Range")).isEqualTo("0-" + (blob.length - 1));
        assertThat(target.seen().get(2).path()).endsWith("digest=" + digest.toString().replace(":", "%3A"));
    }

    @Test
    void shouldRetryABrokenDownloadIntoAFreshUploadAndCancelTheBrokenOne() {
        byte[] blob = new byte[200_000];
        new java.util.Random(8).nextBytes(blob);
        Digest digest = Digest.sha256Of(blob);
        FakeRegistry source = registry((ex, n) -> {
            if (n == 1) { // half the blob, then the connection drops
                ex.sendResponseHeaders(200, blob.length);
                ex.getResponseBody().write(blob, 0, blob.length / 2);
                ex.getResponseBody().flush();
                ex.close();
                throw new java.io.IOException("dropped");
            }
            return new Reply(200, Map.of(), blob);
        });
        FakeRegistry target = registry(FakeUpload::answer);
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        RegistryClient client = client().sleeper(sleeps::add).random(() -> 0).build();

        assertThat(client.copyBlob(source.ref("app"), target.ref("app"), digest)).isTrue();

        assertThat(source.requests()).isEqualTo(2);
        List<FakeRegistry.Seen> seen = target.seen();
        // The broken PATCH and the DELETE that cancels its session travel on separate connections, so the
        // registry may see them in either order; the fresh session after them is strictly sequential.
        List<FakeRegistry.Seen> broken = seen.stream().filter(s -> s.path().matches(".*/blobs/uploads/u1(\\?.*)?")).toList();
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(broken).extracting(FakeRegistry.Seen::method).containsExactlyInAnyOrder("PATCH", "DELETE");
        assertThat(seen).filteredOn(s -> !broken.contains(s)).extracting(FakeRegistry.Seen::method)
                .containsExactly("POST", "POST", "PATCH", "PUT");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void shouldCopySeveralBlobsAtOnce() throws Exception {
        byte[] blob = "layer".getBytes(UTF_8);
        Digest digest = Digest.sha256Of(blob);
        CountDownLatch allDownloading = new CountDownLatch(4);
        FakeRegistry source = registry((ex, n) -> {
            allDownloading.countDown();
            allDownloading.await(10, TimeUnit.SECONDS); // answers only once four downloads are open together
            return new Reply(200, Map.of(), blob);
        });
        FakeRegistry target = registry(FakeUpload::answer);
        RegistryClient client = client().build();
        ExecutorService copies = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String to = "target-" + i;
                done.add(copies.submit(() -> client.copyBlob(source.ref("app"), target.ref(to), digest)));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            copies.shutdownNow();
        }
        assertThat(allDownloading.getCount()).isZero();
        assertThat(source.maxInFlight()).isEqualTo(4);
    }

    @Test
    void shouldFinishManyCopiesWithinOneRegistryThatAllowsTwoRequestsAtOnce() throws Exception {
        byte[] blob = "layer".getBytes(UTF_8);
        Digest digest = Digest.sha256Of(blob);
        FakeRegistry registry = registry((ex, n) -> ex.getRequestMethod().equals("GET")
                ? new Reply(200, Map.of(), blob) : FakeUpload.answer(ex, n));
        RegistryClient client = RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true)
                .withMaxConcurrentRequests(2).withTimeout(Duration.ofSeconds(5))).build();
        ExecutorService copies = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String to = "target-" + i;
                done.add(copies.submit(() -> client.copyBlob(registry.ref("source"), registry.ref(to), digest)));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            copies.shutdownNow();
        }
        assertThat(registry.maxInFlight()).isLessThanOrEqualTo(2);
        assertThat(registry.seen()).filteredOn(s -> s.method().equals("PUT")).hasSize(12);
    }

    /** A target registry's upload endpoints: POST opens, PATCH takes the bytes, PUT commits, DELETE cancels. */
    private static final class FakeUpload {
        static Reply answer(com.sun.net.httpserver.HttpExchange ex, int n) {
            String upload = ex.getRequestURI().getPath().replaceAll("/blobs/uploads/.*", "") + "/blobs/uploads/u" + n;
            return switch (ex.getRequestMethod()) {
                case "POST", "PATCH" -> Reply.of(202, Map.of("Location", upload));
                case "PUT" -> Reply.of(201);
                case "DELETE" -> Reply.of(204);
                default -> Reply.of(405);
            };
        }
    }

    @Test
    void shouldNeitherSendNorRetryARequestToAnAddressThePolicyDenies() {
        FakeRegistry upstream = registry((ex, n) -> Reply.of(200));
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        RegistryClient client = client().outbound(OutboundPolicy.defaults().withLoopback(false))
                .sleeper(sleeps::add).build();

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.headManifest(upstream.ref("app:1")));

        assertThat(e).hasMessageContaining("was not sent: address of 127.0.0.1 is not allowed by drydock.outbound");
        assertThat(e.temporary()).isFalse();
        assertThat(sleeps).isEmpty();
        assertThat(upstream.requests()).isZero();
        assertThat(client.circuitState(upstream.host())).isEqualTo(CircuitState.CLOSED);
    }
}
