package dev.drydock.registry;

import dev.drydock.image.Digest;
import dev.drydock.logging.LogText;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Blob HEAD, GET into memory (verified, for configs), monolithic upload (POST + PUT), the start, commit and cancel
 * of an upload (for {@link StreamedBlobCopy}) and cross-repository mount.
 */
final class BlobCalls {

    private static final Logger LOG = Logger.getLogger(BlobCalls.class);

    /** {@link RegistryClient#getBlob} holds blobs in memory up to this size: image configs, small JSON blobs. */
    static final long MAX_BLOB_BYTES = 8L * 1024 * 1024;
    /** {@link RegistryClient#copyBlob} streams blobs (layers) up to this size. */
    static final long MAX_STREAMED_BLOB_BYTES = 16L * 1024 * 1024 * 1024;

    private final RegistryTransport transport;

    BlobCalls(RegistryTransport transport) {
        this.transport = transport;
    }

    Optional<Descriptor> head(RegistryEndpoint ep, String repository, Digest digest) {
        RegistryRequest request = RegistryRequest.of("HEAD", ep.uri(repository, "blobs/" + digest), repository,
                Scopes.pull(repository));
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        return Optional.of(new Descriptor(response.mediaType().orElse(null), digest, response.contentLength()));
    }

    Optional<byte[]> get(RegistryEndpoint ep, String repository, Digest digest) {
        RegistryRequest request = RegistryRequest.of("GET", ep.uri(repository, "blobs/" + digest), repository,
                Scopes.pull(repository)).maxBody(MAX_BLOB_BYTES);
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        Digests.verify(ep.registry, repository, "blob " + digest, digest, response.body());
        return Optional.of(response.body());
    }

    /** Uploads {@code content} in one piece: POST opens the upload, PUT with {@code ?digest=} closes it. */
    Digest push(RegistryEndpoint ep, String repository, byte[] content) {
        Digest digest = Digest.sha256Of(content);
        URI upload = startUpload(ep, repository, null);
        RegistryRequest put = RegistryRequest.of("PUT", withQuery(upload, "digest=" + encode(digest.toString())),
                repository, Scopes.push(repository)).body(content, "application/octet-stream").idempotent(false);
        RegistryResponse response = transport.send(ep, put);
        if (response.status() != 201) {
            throw response.unexpected(ep.registry, put);
        }
        return digest;
    }

    /**
     * Asks the registry to link {@code digest} from {@code fromRepository} into {@code repository} without
     * uploading. True when mounted (201). False when the registry opened an upload instead (202: blob
     * unknown there, or no read access to the source); that upload is cancelled.
     */
    boolean mount(RegistryEndpoint ep, String repository, Digest digest, String fromRepository) {
        URI uri = ep.uri(repository, "blobs/uploads/?mount=" + encode(digest.toString()) + "&from="
                + encode(fromRepository));
        RegistryRequest request = RegistryRequest.of("POST", uri, repository, Scopes.mount(repository, fromRepository))
                .idempotent(false);
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 201) {
            return true;
        }
        if (response.status() != 202) {
            throw response.unexpected(ep.registry, request);
        }
        response.header("Location").ifPresent(location -> cancel(ep, repository, response.uri().resolve(location), null));
        return false;
    }

    /** Opens an upload (POST); its address. {@code slots} may be null (then the request takes its own). */
    URI startUpload(RegistryEndpoint ep, String repository, CopySlots slots) {
        RegistryRequest request = RegistryRequest.of("POST", ep.uri(repository, "blobs/uploads/"), repository,
                Scopes.push(repository)).idempotent(false).in(slots);
        RegistryResponse response = transport.send(ep, request);
        if (response.status() != 202) {
            throw response.unexpected(ep.registry, request);
        }
        String location = response.header("Location").orElseThrow(() -> new RegistryResponseException(ep.registry,
                repository, request.describe(), 202, List.of(), "no Location header for the upload"));
        return response.uri().resolve(location);
    }

    /**
     * Commits the upload at {@code upload} as {@code digest} (PUT with {@code ?digest=} and no body); the registry
     * checks the digest again.
     */
    void commitUpload(RegistryEndpoint ep, String repository, URI upload, Digest digest, CopySlots slots) {
        RegistryRequest put = RegistryRequest.of("PUT", withQuery(upload, "digest=" + encode(digest.toString())),
                repository, Scopes.push(repository)).idempotent(false).in(slots);
        RegistryResponse response = transport.send(ep, put);
        if (response.status() != 201) {
            throw response.unexpected(ep.registry, put);
        }
    }

    /** Drops an upload that will not be committed; a failure to is only logged (the registry expires uploads). */
    void cancel(RegistryEndpoint ep, String repository, URI upload, CopySlots slots) {
        try {
            transport.send(ep, RegistryRequest.of("DELETE", upload, repository, Scopes.push(repository)).in(slots));
        } catch (RegistryException e) {
            LOG.debugf("could not cancel upload %s on %s: %s", LogText.escape(upload.getRawPath()),
                    LogText.escape(String.valueOf(ep.registry)), LogText.escape(e.getMessage()));
        }
    }

    static URI withQuery(URI uri, String query) {
        String s = uri.toString();
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
