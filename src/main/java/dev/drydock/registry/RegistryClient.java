package dev.drydock.registry;

import dev.drydock.image.Digest;
import dev.drydock.net.OutboundPolicy;
import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import dev.drydock.registry.http.Http1Client;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A thread-safe client for the OCI distribution API of any number of registries. Each registry gets its
 * own settings, concurrency limit, circuit breaker, token cache entries, rate-limit report and request
 * counter, so one slow or failing upstream does not hold up the others.
 *
 * <p>Missing manifests and blobs are {@link Optional#empty()}; failures are {@link RegistryException}s
 * whose {@link RegistryException#temporary()} tells whether a retry later may help. Build one with
 * {@link #builder()}; no CDI needed.
 */
public final class RegistryClient {

    public static final String DEFAULT_USER_AGENT = "drydock";

    private final RegistrySettingsProvider settings;
    private final int failureThreshold;
    private final Duration coolDown;
    private final Clock clock;
    private final ConcurrentMap<String, RegistryEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ManifestCalls manifests;
    private final BlobCalls blobs;
    private final StreamedBlobCopy streamed;
    private final TagLister tags;
    private final CatalogLister catalog;
    private final ReferrerLister referrers;

    private RegistryClient(Builder b) {
        this.settings = b.settings;
        this.failureThreshold = b.failureThreshold;
        this.coolDown = b.coolDown;
        this.clock = b.clock;
        Http1Client http = b.httpClient != null ? b.httpClient : new Http1Client(b.connectTimeout, b.outbound);
        Authenticator authenticator = new Authenticator(http, b.credentials, new TokenCache(b.clock),
                new RealmTrust(b.settings), b.clock, b.userAgent);
        RegistryTransport transport = new RegistryTransport(http, authenticator, b.retryPolicy, b.sleeper, b.clock,
                b.random, b.userAgent);
        this.manifests = new ManifestCalls(transport);
        this.blobs = new BlobCalls(transport);
        this.streamed = new StreamedBlobCopy(transport, blobs);
        this.tags = new TagLister(transport);
        this.catalog = new CatalogLister(transport);
        this.referrers = new ReferrerLister(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The manifest's descriptor by one HEAD request (when the registry's token is cached), the cheap
     * way to see whether a tag moved; Docker Hub does not count a HEAD as a pull.
     */
    public Optional<Descriptor> headManifest(ImageReference ref) {
        return manifests.head(endpoint(ref), ref);
    }

    /** The manifest or index, verified against {@code Docker-Content-Digest} and a pinned digest. */
    public Optional<Manifest> getManifest(ImageReference ref) {
        return manifests.get(endpoint(ref), ref);
    }

    /**
     * The image manifest to use for {@code platform}: the matching entry when {@code ref} is an index,
     * the manifest itself when it is a single-platform image (whose platform is not checked). Empty when
     * the reference does not exist or the index has no such platform. This is a GET, which Docker Hub
     * counts as a pull: poll with {@link #headManifest} and resolve only when the digest changed.
     */
    public Optional<Descriptor> resolvePlatform(ImageReference ref, Platform platform) {
        Objects.requireNonNull(platform, "platform");
        return getManifest(ref).flatMap(m -> m.isIndex() ? m.index().manifestFor(platform) : Optional.of(m.descriptor()));
    }

    /** Pushes a manifest or index under {@code ref}'s tag (or digest); returns its digest. */
    public Digest putManifest(ImageReference ref, byte[] content, String mediaType) {
        return manifests.put(endpoint(ref), ref, content, mediaType);
    }

    /** Whether {@code repository} (registry and repository of the reference) has the blob; its size. */
    public Optional<Descriptor> headBlob(ImageReference repository, Digest digest) {
        return blobs.head(endpoint(repository), repository.repository(), digest);
    }

    /** The largest blob {@link #getBlob} reads (it holds blobs in memory): 8 MiB, room for any image config. */
    public static final long MAX_BLOB_BYTES = BlobCalls.MAX_BLOB_BYTES;
    /** The largest blob {@link #copyBlob} copies (it streams): 16 GiB. */
    public static final long MAX_STREAMED_BLOB_BYTES = BlobCalls.MAX_STREAMED_BLOB_BYTES;

    /** The blob's bytes (verified against {@code digest}), held in memory: for configs and small blobs. */
    public Optional<byte[]> getBlob(ImageReference repository, Digest digest) {
        return blobs.get(endpoint(repository), repository.repository(), digest);
    }

    /**
     * Copies a blob from one repository to another (any registries) as one stream: the download goes straight into
     * the upload, hashed on the way, and the upload is committed only when the bytes match {@code digest} (else it is
     * cancelled and a {@link DigestMismatchException} thrown). The blob is never whole in memory nor on disk. It
     * holds a request slot on each registry (two on one registry) for its whole length. False when the source does
     * not have it.
     */
    public boolean copyBlob(ImageReference from, ImageReference to, Digest digest) {
        return streamed.copy(endpoint(from), from.repository(), endpoint(to), to.repository(), digest);
    }

    /** Uploads a blob in one request pair (POST + PUT); returns its digest. */
    public Digest pushBlob(ImageReference repository, byte[] content) {
        return blobs.push(endpoint(repository), repository.repository(), content);
    }

    /**
     * Mounts a blob from another repository of the same registry; true when mounted, false when the
     * registry declined (then push it instead).
     */
    public boolean mountBlob(ImageReference target, Digest digest, String fromRepository) {
        return blobs.mount(endpoint(target), target.repository(), digest, fromRepository);
    }

    /** All tags of the reference's repository, following pagination; empty for an unknown repository. */
    public List<String> listTags(ImageReference repository) {
        return listTags(repository, TagLister.DEFAULT_PAGE_SIZE);
    }

    public List<String> listTags(ImageReference repository, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        return tags.list(endpoint(repository), repository.repository(), pageSize);
    }

    /** Every repository of {@code registry} ({@code host:port}) its catalog lists, following pagination. */
    public List<String> listRepositories(String registry) {
        return catalog.list(endpoint(ImageReference.parse(registry + "/catalog")));
    }

    /**
     * The manifests that name {@code subject} as their {@code subject} in the reference's repository, by the OCI
     * referrers API ({@code GET /v2/<name>/referrers/<digest>}, every page); empty when the registry does not offer
     * the API (it answered 404, as Distribution 2.8 does), so the caller can fall back to the tag schema.
     */
    public Optional<List<Descriptor>> listReferrers(ImageReference repository, Digest subject) {
        return referrers.list(endpoint(repository), repository.repository(), subject);
    }

    /** The quota last reported by {@code registry} ({@code docker.io}, {@code host:port}). */
    public Optional<RateLimitStatus> rateLimit(String registry) {
        RegistryEndpoint ep = endpoints.get(registry);
        return ep == null ? Optional.empty() : ep.rateLimit();
    }

    /** HTTP requests sent because of {@code registry} so far: its API requests plus token-realm requests. */
    public long requestCount(String registry) {
        RegistryEndpoint ep = endpoints.get(registry);
        return ep == null ? 0 : ep.requests.get();
    }

    /** {@link #requestCount} of every registry contacted, by registry. */
    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        endpoints.forEach((registry, ep) -> counts.put(registry, ep.requests.get()));
        return counts;
    }

    public CircuitState circuitState(String registry) {
        RegistryEndpoint ep = endpoints.get(registry);
        return ep == null ? CircuitState.CLOSED : ep.circuit.state();
    }

    /** The settings in force for {@code registry}. */
    public RegistrySettings settings(String registry) {
        RegistryEndpoint ep = endpoints.get(registry);
        return ep == null ? settings.forRegistry(registry) : ep.settings;
    }

    private RegistryEndpoint endpoint(ImageReference ref) {
        return endpoints.computeIfAbsent(ref.registry(), registry -> new RegistryEndpoint(registry,
                ref.registryApiHost(), settings.forRegistry(registry), failureThreshold, coolDown, clock));
    }

    /** Builds a {@link RegistryClient}; every setting has a default (HTTPS, anonymous, {@link RetryPolicy#defaults()}). */
    public static final class Builder {

        /** Failures in a row that open a registry's circuit. */
        public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = CircuitBreaker.DEFAULT_FAILURE_THRESHOLD;
        /** How long an open circuit fails calls fast before a trial request. */
        public static final Duration DEFAULT_CIRCUIT_COOL_DOWN = CircuitBreaker.DEFAULT_COOL_DOWN;
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

        private RegistrySettingsProvider settings = RegistrySettingsProvider.of(RegistrySettings.defaults());
        private CredentialLookup credentials = CredentialLookup.anonymous();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private int failureThreshold = DEFAULT_CIRCUIT_FAILURE_THRESHOLD;
        private Duration coolDown = DEFAULT_CIRCUIT_COOL_DOWN;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String userAgent = DEFAULT_USER_AGENT;
        private Http1Client httpClient;
        private OutboundPolicy outbound = OutboundPolicy.defaults();

        private Builder() {
        }

        public Builder settings(RegistrySettingsProvider settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The same settings for every registry. */
        public Builder settings(RegistrySettings settings) {
            return settings(RegistrySettingsProvider.of(settings));
        }

        public Builder credentials(CredentialLookup credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Source of jitter, numbers in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder circuitBreaker(int failureThreshold, Duration coolDown) {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
            }
            this.failureThreshold = failureThreshold;
            this.coolDown = Objects.requireNonNull(coolDown, "coolDown");
            return this;
        }

        /** The settings, retries and circuit breaker of {@code profile}. */
        public Builder profile(RegistryProfile profile) {
            return settings(profile.settings()).retryPolicy(profile.retryPolicy())
                    .circuitBreaker(profile.circuitFailureThreshold(), profile.circuitCoolDown());
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** Which addresses the client may connect to; a shared {@link #httpClient} brings its own. */
        public Builder outbound(OutboundPolicy outbound) {
            this.outbound = Objects.requireNonNull(outbound, "outbound");
            return this;
        }

        /** A shared {@link Http1Client} (its idle connections are then shared too). */
        public Builder httpClient(Http1Client httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
