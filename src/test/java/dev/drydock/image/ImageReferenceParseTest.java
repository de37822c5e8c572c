package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.image.InvalidReferenceException.Part;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference grammar as a table: what each input normalises to, and why bad ones fail. */
class ImageReferenceParseTest {

    static final String HEX64 = "0123456789abcdef".repeat(4);
    static final String HEX128 = "0123456789abcdef".repeat(8);
    static final String SHA256 = "sha256:" + HEX64;
    static final String SHA384 = "sha384:" + HEX64.substring(0, 48) + HEX64.substring(0, 48);
    static final String SHA512 = "sha512:" + HEX128;

    /** One accepted input; tag and digest are null when the reference has none. */
    record Valid(String input, String registry, String repository, String tag, String digest,
            String normalised, String familiar) {

        @Override
        public String toString() {
            return abbreviate(input);
        }
    }

    record Invalid(String input, Part part, String reasonFragment) {

        @Override
        public String toString() {
            return abbreviate(input) + " -> " + part;
        }
    }

    static Stream<Valid> validReferences() {
        return Stream.of(
                // Docker Hub defaults
                new Valid("nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("nginx:1.27", "docker.io", "library/nginx", "1.27", null,
                        "docker.io/library/nginx:1.27", "nginx:1.27"),
                new Valid("nginx:latest", "docker.io", "library/nginx", "latest", null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("library/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("docker.io/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null,
                        "docker.io/library/nginx:1", "nginx:1"),
                new Valid("index.docker.io/library/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("index.docker.io/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("registry-1.docker.io/bitnami/redis:7", "docker.io", "bitnami/redis", "7", null,
                        "docker.io/bitnami/redis:7", "bitnami/redis:7"),
                new Valid("INDEX.Docker.IO/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest", "nginx:latest"),
                new Valid("docker.io:5000/nginx", "docker.io:5000", "nginx", null, null,
                        "docker.io:5000/nginx:latest", "docker.io:5000/nginx:latest"),
                new Valid("bitnami/redis:7", "docker.io", "bitnami/redis", "7", null,
                        "docker.io/bitnami/redis:7", "bitnami/redis:7"),
                new Valid("docker.io/library/a/b", "docker.io", "library/a/b", null, null,
                        "docker.io/library/a/b:latest", "library/a/b:latest"),
                new Valid("0/1", "docker.io", "0/1", null, null, "docker.io/0/1:latest", "0/1:latest"),
                // other registries keep their path as written
                new Valid("ghcr.io/a/b:1", "ghcr.io", "a/b", "1", null, "ghcr.io/a/b:1", "ghcr.io/a/b:1"),
                new Valid("ghcr.io/nginx", "ghcr.io", "nginx", null, null,
                        "ghcr.io/nginx:latest", "ghcr.io/nginx:latest"),
                new Valid("Registry.Example.com/team/app", "registry.example.com", "team/app", null, null,
                        "registry.example.com/team/app:latest", "registry.example.com/team/app:latest"),
                new Valid("my-registry.example.com/x", "my-registry.example.com", "x", null, null,
                        "my-registry.example.com/x:latest", "my-registry.example.com/x:latest"),
                new Valid("example.com:443/a/b/c/d", "example.com:443", "a/b/c/d", null, null,
                        "example.com:443/a/b/c/d:latest", "example.com:443/a/b/c/d:latest"),
                new Valid("a.b/c", "a.b", "c", null, null, "a.b/c:latest", "a.b/c:latest"),
                new Valid("127.0.0.1:5000/x", "127.0.0.1:5000", "x", null, null,
                        "127.0.0.1:5000/x:latest", "127.0.0.1:5000/x:latest"),
                // localhost, ports and tags
                new Valid("localhost/x", "localhost", "x", null, null, "localhost/x:latest", "localhost/x:latest"),
                new Valid("localhost:5000/a", "localhost:5000", "a", null, null,
                        "localhost:5000/a:latest", "localhost:5000/a:latest"),
                new Valid("localhost:5000/x:1", "localhost:5000", "x", "1", null,
                        "localhost:5000/x:1", "localhost:5000/x:1"),
                new Valid("localhost.localdomain/x", "localhost.localdomain", "x", null, null,
                        "localhost.localdomain/x:latest", "localhost.localdomain/x:latest"),
                new Valid("localhost", "docker.io", "library/localhost", null, null,
                        "docker.io/library/localhost:latest", "localhost:latest"),
                new Valid("localhost:5000", "docker.io", "library/localhost", "5000", null,
                        "docker.io/library/localhost:5000", "localhost:5000"),
                new Valid("a:5000", "docker.io", "library/a", "5000", null, "docker.io/library/a:5000", "a:5000"),
                new Valid("a:tag", "docker.io", "library/a", "tag", null, "docker.io/library/a:tag", "a:tag"),
                new Valid("a:5000/b", "a:5000", "b", null, null, "a:5000/b:latest", "a:5000/b:latest"),
                new Valid("a:5000/b:tag", "a:5000", "b", "tag", null, "a:5000/b:tag", "a:5000/b:tag"),
                // IPv6
                new Valid("[::1]:5000/x", "[::1]:5000", "x", null, null, "[::1]:5000/x:latest", "[::1]:5000/x:latest"),
                new Valid("[::1]/x", "[::1]", "x", null, null, "[::1]/x:latest", "[::1]/x:latest"),
                new Valid("[2001:DB8::1]:5000/team/app:v1", "[2001:db8::1]:5000", "team/app", "v1", null,
                        "[2001:db8::1]:5000/team/app:v1", "[2001:db8::1]:5000/team/app:v1"),
                // path component separators
                new Valid("my_app", "docker.io", "library/my_app", null, null,
                        "docker.io/library/my_app:latest", "my_app:latest"),
                new Valid("my__app", "docker.io", "library/my__app", null, null,
                        "docker.io/library/my__app:latest", "my__app:latest"),
                new Valid("my---app", "docker.io", "library/my---app", null, null,
                        "docker.io/library/my---app:latest", "my---app:latest"),
                new Valid("my.app", "docker.io", "library/my.app", null, null,
                        "docker.io/library/my.app:latest", "my.app:latest"),
                new Valid("team/my.app_v2--x", "docker.io", "team/my.app_v2--x", null, null,
                        "docker.io/team/my.app_v2--x:latest", "team/my.app_v2--x:latest"),
                new Valid("a/b/c/d/e", "docker.io", "a/b/c/d/e", null, null,
                        "docker.io/a/b/c/d/e:latest", "a/b/c/d/e:latest"),
                // tags
                new Valid("app:_private", "docker.io", "library/app", "_private", null,
                        "docker.io/library/app:_private", "app:_private"),
                new Valid("app:V1.0-RC_1", "docker.io", "library/app", "V1.0-RC_1", null,
                        "docker.io/library/app:V1.0-RC_1", "app:V1.0-RC_1"),
                new Valid("app:" + "t".repeat(128), "docker.io", "library/app", "t".repeat(128), null,
                        "docker.io/library/app:" + "t".repeat(128), "app:" + "t".repeat(128)),
                // digests
                new Valid("nginx@" + SHA256, "docker.io", "library/nginx", null, SHA256,
                        "docker.io/library/nginx@" + SHA256, "nginx@" + SHA256),
                new Valid("nginx:1.27@" + SHA256, "docker.io", "library/nginx", "1.27", SHA256,
                        "docker.io/library/nginx:1.27@" + SHA256, "nginx:1.27@" + SHA256),
                new Valid("ghcr.io/a/b@" + SHA512, "ghcr.io", "a/b", null, SHA512,
                        "ghcr.io/a/b@" + SHA512, "ghcr.io/a/b@" + SHA512),
                new Valid("ghcr.io/a/b@" + SHA384, "ghcr.io", "a/b", null, SHA384,
                        "ghcr.io/a/b@" + SHA384, "ghcr.io/a/b@" + SHA384),
                // a first component with '_' is no host name, so the whole name is a Docker Hub path
                new Valid("ex_ample.com/app", "docker.io", "ex_ample.com/app", null, null,
                        "docker.io/ex_ample.com/app:latest", "ex_ample.com/app:latest"),
                new Valid("a_b.com/c:1", "docker.io", "a_b.com/c", "1", null,
                        "docker.io/a_b.com/c:1", "a_b.com/c:1"),
                new Valid(HEX64 + ":1", "docker.io", "library/" + HEX64, "1", null,
                        "docker.io/library/" + HEX64 + ":1", HEX64 + ":1"),
                new Valid("team/" + HEX64, "docker.io", "team/" + HEX64, null, null,
                        "docker.io/team/" + HEX64 + ":latest", "team/" + HEX64 + ":latest"),
                new Valid("localhost:5000/x:1@" + SHA512, "localhost:5000", "x", "1", SHA512,
                        "localhost:5000/x:1@" + SHA512, "localhost:5000/x:1@" + SHA512),
                // 255 characters is the longest name, counted after normalisation
                new Valid("a".repeat(237), "docker.io", "library/" + "a".repeat(237), null, null,
                        "docker.io/library/" + "a".repeat(237) + ":latest", "a".repeat(237) + ":latest"),
                new Valid("example.com/" + "b".repeat(243), "example.com", "b".repeat(243), null, null,
                        "example.com/" + "b".repeat(243) + ":latest", "example.com/" + "b".repeat(243) + ":latest"));
    }

    static Stream<Invalid> invalidReferences() {
        return Stream.of(
                new Invalid("", Part.REFERENCE, "must not be empty"),
                // repository
                new Invalid("Nginx", Part.PATH, "repository must be lower-case"),
                new Invalid("docker.io/Library/nginx", Part.PATH, "repository must be lower-case"),
                new Invalid("ghcr.io/Team/App:1", Part.PATH, "repository must be lower-case"),
                new Invalid("Localhost/x", Part.PATH, "repository must be lower-case"),
                new Invalid("a//b", Part.PATH, "empty components"),
                new Invalid("/a", Part.PATH, "empty components"),
                new Invalid("a/", Part.PATH, "empty components"),
                new Invalid("ghcr.io//a", Part.PATH, "empty components"),
                new Invalid("docker.io/", Part.PATH, "repository must not be empty"),
                new Invalid(":tag", Part.PATH, "repository must not be empty"),
                new Invalid("a..b", Part.PATH, "invalid repository component \"a..b\""),
                new Invalid("a/.b", Part.PATH, "invalid repository component \".b\""),
                new Invalid("a-", Part.PATH, "invalid repository component"),
                new Invalid("-a", Part.PATH, "invalid repository component"),
                new Invalid("a___b", Part.PATH, "invalid repository component"),
                new Invalid("a_-b", Part.PATH, "invalid repository component"),
                new Invalid("a b", Part.PATH, "invalid repository component"),
                new Invalid(HEX64, Part.PATH, "must not be 64 hex characters"),
                new Invalid("a".repeat(238), Part.PATH, "at most 255 characters, got 256"),
                new Invalid("example.com/" + "b".repeat(244), Part.PATH, "at most 255 characters, got 256"),
                // tag
                new Invalid("nginx:", Part.TAG, "tag must not be empty"),
                new Invalid("nginx:.bad", Part.TAG, "invalid tag \".bad\""),
                new Invalid("nginx:-bad", Part.TAG, "invalid tag"),
                new Invalid("nginx:a+b", Part.TAG, "invalid tag"),
                new Invalid("nginx:" + "t".repeat(129), Part.TAG, "at most 128 characters, got 129"),
                // digest
                new Invalid("nginx@", Part.DIGEST, "missing digest after '@'"),
                new Invalid("nginx:1@", Part.DIGEST, "missing digest after '@'"),
                new Invalid("nginx@sha256", Part.DIGEST, "<algorithm>:<hex>"),
                new Invalid("nginx@sha256:abc", Part.DIGEST, "must have 64 hex characters, got 3"),
                new Invalid("nginx@sha256:" + HEX64.substring(1), Part.DIGEST, "must have 64 hex characters, got 63"),
                new Invalid("nginx@sha256:" + HEX64 + "0", Part.DIGEST, "must have 64 hex characters, got 65"),
                new Invalid("nginx@sha256:" + HEX128, Part.DIGEST, "must have 64 hex characters, got 128"),
                new Invalid("nginx@sha512:" + HEX64, Part.DIGEST, "must have 128 hex characters, got 64"),
                new Invalid("nginx@sha384:" + HEX64, Part.DIGEST, "must have 96 hex characters, got 64"),
                new Invalid("nginx@sha256:" + HEX64.toUpperCase(), Part.DIGEST, "hex must be lower-case"),
                new Invalid("nginx@sha256:" + "g".repeat(64), Part.DIGEST, "only hex characters"),
                new Invalid("nginx@md5:" + HEX64.substring(32), Part.DIGEST, "unsupported digest algorithm \"md5\""),
                new Invalid("nginx@SHA256:" + HEX64, Part.DIGEST, "algorithm \"SHA256\" is malformed"),
                new Invalid("nginx@" + SHA256 + "@" + SHA256, Part.DIGEST, "only hex characters"),
                // domain
                new Invalid("a:port/b", Part.DOMAIN, "port must be digits"),
                new Invalid("a:/b", Part.DOMAIN, "port must be digits"),
                new Invalid("-a.com/b", Part.DOMAIN, "invalid host name \"-a.com\""),
                new Invalid("a_b.com:5000/c", Part.DOMAIN, "invalid host name"),
                new Invalid(".com/x", Part.DOMAIN, "invalid host name"),
                new Invalid("a..com/x", Part.DOMAIN, "invalid host name"),
                new Invalid("[::1/x", Part.DOMAIN, "must end with ']'"),
                new Invalid("[::g]:5000/x", Part.DOMAIN, "invalid IPv6 address"),
                new Invalid("[::1]x/y", Part.DOMAIN, "followed by :port"),
                new Invalid("https://ghcr.io/a/b", Part.DOMAIN, "URL scheme"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void shouldParseValidReference(Valid c) {
        ImageReference ref = ImageReference.parse(c.input());

        assertThat(ref.registry()).as("registry").isEqualTo(c.registry());
        assertThat(ref.repository()).as("repository").isEqualTo(c.repository());
        assertThat(ref.tag()).as("tag").isEqualTo(Optional.ofNullable(c.tag()));
        assertThat(ref.digest().map(Digest::toString)).as("digest")
                .isEqualTo(Optional.ofNullable(c.digest()));
        assertThat(ref.toString()).as("toString").isEqualTo(c.normalised());
        assertThat(ref.familiar()).as("familiar").isEqualTo(c.familiar());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void shouldParseItsOwnNormalisedAndFamiliarFormsToAnEqualReference(Valid c) {
        ImageReference ref = ImageReference.parse(c.input());

        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
        assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferences")
    void shouldRejectInvalidReferenceNamingThePartAndReason(Invalid c) {
        InvalidReferenceException e = catchThrowableOfType(InvalidReferenceException.class,
                () -> ImageReference.parse(c.input()));

        assertThat(e).as("exception").isNotNull();
        assertThat(e.part()).isEqualTo(c.part());
        assertThat(e.reason()).contains(c.reasonFragment());
        assertThat(e.input()).isEqualTo(c.input());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? "\"" + s + "\"" : "\"" + s.substring(0, 40) + "…\" (" + s.length() + " chars)";
    }
}
