package dev.drydock.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.Format;
import dev.drydock.testing.TestImages.PushedImage;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real CNCF Distribution without auth; digests are checked against skopeo's. */
class DistributionRegistryTest {

    private static LocalRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.start(RegistryOptions.anonymous());
        client = RegistryClient.builder().settings(RegistrySettings.defaults().withInsecure(true)).build();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(registry.host() + "/" + repositoryAndTag);
    }

    @Test
    void shouldReportTheDigestSkopeoReportsForAnOciManifest() {
        PushedImage pushed = TestImages.push(registry.host() + "/oci/app:1");

        Descriptor head = client.headManifest(ref("oci/app:1")).orElseThrow();
        Manifest get = client.getManifest(ref("oci/app:1")).orElseThrow();

        String skopeo = Skopeo.digest(pushed.reference());
        assertThat(head.digest()).hasToString(skopeo).hasToString(pushed.digest());
        assertThat(head.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(head.size()).isEqualTo(Skopeo.rawBytes(pushed.reference()).length);
        assertThat(get.digest()).isEqualTo(head.digest());
        assertThat(get.content()).isEqualTo(Skopeo.rawBytes(pushed.reference()));
    }

    @Test
    void shouldReportTheDigestSkopeoReportsForADockerV2Manifest() {
        PushedImage pushed = TestImages.builder().format(Format.DOCKER_V2).push(registry.host() + "/docker/app:1");

        Descriptor head = client.headManifest(ref("docker/app:1")).orElseThrow();

        assertThat(head.digest()).hasToString(Skopeo.digest(pushed.reference())).hasToString(pushed.digest());
        assertThat(head.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
        assertThat(client.getManifest(ref("docker/app:1")).orElseThrow().digest()).isEqualTo(head.digest());
    }

    @Test
    void shouldReportTheIndexDigestForAMultiArchImageAndResolveItsPlatforms() {
        PushedImage pushed = TestImages.builder().platforms("linux/amd64", "linux/arm64")
                .push(registry.host() + "/multi/app:1");

        Descriptor head = client.headManifest(ref("multi/app:1")).orElseThrow();
        Manifest index = client.getManifest(ref("multi/app:1")).orElseThrow();

        assertThat(head.digest()).hasToString(pushed.digest())
                .isEqualTo(Digest.sha256Of(Skopeo.rawBytes(pushed.reference())));
        assertThat(head.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(index.isIndex()).isTrue();
        assertThat(index.index().platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm64");

        Descriptor arm = client.resolvePlatform(ref("multi/app:1"), Platform.parse("linux/arm64/v8")).orElseThrow();
        assertThat(arm).isEqualTo(index.index().entries().get(1).descriptor());
        assertThat(client.headManifest(ref("multi/app@" + arm.digest())).orElseThrow().digest()).isEqualTo(arm.digest());
        assertThat(arm.digest()).hasToString(Skopeo.digest(registry.host() + "/multi/app@" + arm.digest()));
        assertThat(client.resolvePlatform(ref("multi/app:1"), Platform.parse("linux/s390x"))).isEmpty();
    }

    @Test
    void shouldReportTheIndexDigestForADockerManifestList() {
        PushedImage pushed = TestImages.builder().format(Format.DOCKER_V2).platforms("linux/amd64", "linux/arm64")
                .push(registry.host() + "/multi/docker:1");

        Descriptor head = client.headManifest(ref("multi/docker:1")).orElseThrow();

        assertThat(head.digest()).hasToString(pushed.digest()).isEqualTo(Digest.sha256Of(Skopeo.rawBytes(pushed.reference())));
        assertThat(head.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(client.resolvePlatform(ref("multi/docker:1"), Platform.parse("linux/amd64"))).isPresent();
    }

    @Test
    void shouldFindNothingForAMissingTagOrRepository() {
        TestImages.push(registry.host() + "/present/app:1");

        assertThat(client.headManifest(ref("present/app:2"))).isEmpty();
        assertThat(client.getManifest(ref("present/app:2"))).isEmpty();
        assertThat(client.headManifest(ref("absent/app:1"))).isEmpty();
        assertThat(client.getManifest(ref("absent/app@" + Digest.sha256Of(new byte[1])))).isEmpty();
        assertThat(client.listTags(ref("absent/app"))).isEmpty();
    }

    @Test
    void shouldCostExactlyOneRequestToCheckAnUnchangedTag() {
        TestImages.push(registry.host() + "/poll/base:1");
        Digest first = client.headManifest(ref("poll/base:1")).orElseThrow().digest();
        int logged = settledLogSize(-1);
        long counted = client.requestCount(registry.host());

        Digest again = client.headManifest(ref("poll/base:1")).orElseThrow().digest();

        assertThat(again).isEqualTo(first);
        int after = settledLogSize(logged + 1);
        assertThat(after - logged).as("requests the registry logged").isEqualTo(1);
        assertThat(AccessLog.requests(registry.log()).get(after - 1)).isEqualTo("HEAD /v2/poll/base/manifests/1");
        assertThat(client.requestCount(registry.host()) - counted).isEqualTo(1);
    }

    @Test
    void shouldSeeATagMoveWithAHead() {
        PushedImage one = TestImages.push(registry.host() + "/moving/base:stable");
        assertThat(client.headManifest(ref("moving/base:stable")).orElseThrow().digest()).hasToString(one.digest());

        PushedImage two = TestImages.push(registry.host() + "/moving/base:stable");

        assertThat(two.digest()).isNotEqualTo(one.digest());
        assertThat(client.headManifest(ref("moving/base:stable")).orElseThrow().digest()).hasToString(two.digest());
    }

    @Test
    void shouldListTagsAndTagByPushingAManifest() {
        TestImages.push(registry.host() + "/paged/app:t0");
        Manifest manifest = client.getManifest(ref("paged/app:t0")).orElseThrow();
        for (int i = 1; i < 5; i++) {
            Digest pushed = client.putManifest(ref("paged/app:t" + i), manifest.content(), manifest.mediaType());
            assertThat(pushed).isEqualTo(manifest.digest());
        }
        long before = client.requestCount(registry.host());

        List<String> tags = client.listTags(ref("paged/app"), 2);

        // Distribution 2.8 ignores n for tag lists (one unsorted page, no Link header); paging along Link
        // headers is covered against a scripted registry in RegistryClientResilienceTest.
        assertThat(tags).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
        assertThat(client.requestCount(registry.host()) - before).isBetween(1L, 3L);
    }

    @Test
    void shouldPushCheckPullAndMountBlobs() {
        byte[] content = new byte[4096];
        new SecureRandom().nextBytes(content);

        Digest digest = client.pushBlob(ref("blobs/source"), content);

        assertThat(digest).isEqualTo(Digest.sha256Of(content));
        assertThat(client.headBlob(ref("blobs/source"), digest)).map(Descriptor::size).contains(4096L);
        assertThat(client.getBlob(ref("blobs/source"), digest)).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
        assertThat(client.headBlob(ref("blobs/target"), digest)).isEmpty();

        assertThat(client.mountBlob(ref("blobs/target"), digest, "blobs/source")).isTrue();
        assertThat(client.headBlob(ref("blobs/target"), digest)).isPresent();

        Digest unknown = Digest.sha256Of("never pushed".getBytes(UTF_8));
        assertThat(client.mountBlob(ref("blobs/target"), unknown, "blobs/source")).isFalse();
        assertThat(client.getBlob(ref("blobs/source"), unknown)).isEmpty();
    }

    @Test
    void shouldStreamABlobTooLargeForMemoryBetweenRegistries() {
        byte[] content = new byte[(int) RegistryClient.MAX_BLOB_BYTES + 2 * 1024 * 1024 + 1];
        new SecureRandom().nextBytes(content);
        Digest digest = client.pushBlob(ref("big/source"), content);
        assertThatThrownBy(() -> client.getBlob(ref("big/source"), digest))
                .hasMessageContaining("larger than " + RegistryClient.MAX_BLOB_BYTES + " bytes");

        try (LocalRegistry other = LocalRegistry.start(RegistryOptions.anonymous())) {
            ImageReference target = ImageReference.parse(other.host() + "/big/target");

            assertThat(client.copyBlob(ref("big/source"), target, digest)).isTrue();

            assertThat(client.headBlob(target, digest)).map(Descriptor::size).contains((long) content.length);
            assertThat(client.copyBlob(ref("big/source"), target, Digest.sha256Of(new byte[1]))).isFalse();
        }
    }

    @Test
    void shouldPushAnImageThatSkopeoReadsBack() {
        byte[] layer = new byte[512];
        new SecureRandom().nextBytes(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(UTF_8);
        Digest layerDigest = client.pushBlob(ref("pushed/app"), layer);
        Digest configDigest = client.pushBlob(ref("pushed/app"), config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(UTF_8);

        Digest digest = client.putManifest(ref("pushed/app:1"), manifest, MediaTypes.OCI_MANIFEST);

        assertThat(digest).hasToString(Skopeo.digest(registry.host() + "/pushed/app:1"));
    }

    private static int settledLogSize(int atLeast) {
        return AccessLog.settledSize(registry.log(), atLeast);
    }
}
