package dev.drydock.registry;

import dev.drydock.image.Digest;
import dev.drydock.logging.LogText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Blob HEAD, GET into memory (verified, for configs), streamed copy through a file (for layers), monolithic
 * upload (POST + PUT), chunked upload from a file (POST, PATCH per chunk, PUT) and cross-repository mount.
 */
final class BlobCalls {

    private static final Logger LOG = Logger.getLogger(BlobCalls.class);

    /** {@link RegistryClient#getBlob} holds blobs in memory up to this size: image configs, small JSON blobs. */
    static final long MAX_BLOB_BYTES = 8L * 1024 * 1024;
    /** {@link RegistryClient#copyBlob} streams blobs (layers) up to this size through a temporary file. */
    static final long MAX_STREAMED_BLOB_BYTES = 16L * 1024 * 1024 * 1024;
    /** A streamed upload goes in PATCH chunks of this size: what is in memory of it at a time. */
    static final int UPLOAD_CHUNK = 4 * 1024 * 1024;

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

    /**
     * Streams the blob into {@code blob}'s file and verifies it; false when the repository does not have it.
     * At most one read buffer of it is in memory.
     */
    boolean download(RegistryEndpoint ep, String repository, Digest digest, BlobFile blob) {
        RegistryRequest request = RegistryRequest.of("GET", ep.uri(repository, "blobs/" + digest), repository,
                Scopes.pull(repository)).streamTo(blob);
        RegistryResponse response = transport.send(ep, request);
        if (response.status() == 404) {
            return false;
        }
        if (response.status() != 200) {
            throw response.unexpected(ep.registry, request);
        }
        if (!digest.equals(blob.digest())) {
            throw new DigestMismatchException(ep.registry, repository, "blob " + digest, digest, blob.digest());
        }
        return true;
    }

    /**
     * Uploads the file {@code content} (whose digest is {@code digest}) in chunks of {@value #UPLOAD_CHUNK}
     * bytes: POST opens the upload, a PATCH per chunk, PUT with {@code ?digest=} closes it.
     */
    void pushFile(RegistryEndpoint ep, String repository, Path content, Digest digest) {
        URI upload = startUpload(ep, repository, RegistryRequest.of("POST", ep.uri(repository, "blobs/uploads/"),
                repository, Scopes.push(repository)).idempotent(false));
        byte[] chunk = new byte[UPLOAD_CHUNK];
        long offset = 0;
        try (InputStream in = Files.newInputStream(content)) {
            for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
                byte[] part = n == chunk.length ? chunk : Arrays.copyOf(chunk, n);
                RegistryRequest patch = RegistryRequest.of("PATCH", upload, repository, Scopes.push(repository))
                        .body(part, "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + n - 1)).idempotent(false);
                RegistryResponse response = transport.send(ep, patch);
                if (response.status() != 202) {
                    throw response.unexpected(ep.registry, patch);
                }
                upload = response.header("Location").map(l -> response.uri().resolve(l)).orElse(upload);
                offset += n;
            }
        } catch (IOException e) {
            throw new RegistryException(ep.registry, repository, "cannot read the blob to upload", e);
        }
        RegistryRequest put = RegistryRequest.of("PUT", withQuery(upload, "digest=" + encode(digest.toString())),
                repository, Scopes.push(repository)).idempotent(false);
        RegistryResponse response = transport.send(ep, put);
        if (response.status() != 201) {
            throw response.unexpected(ep.registry, put);
        }
    }

    /** Uploads {@code content} in one piece: POST opens the upload, PUT with {@code ?digest=} closes it. */
    Digest push(RegistryEndpoint ep, String repository, byte[] content) {
        Digest digest = Digest.sha256Of(content);
        URI upload = startUpload(ep, repository, RegistryRequest.of("POST", ep.uri(repository, "blobs/uploads/"),
                repository, Scopes.push(repository)).idempotent(false));
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
        response.header("Location").ifPresent(location -> cancel(ep, repository, response.uri().resolve(location)));
        return false;
    }

    private URI startUpload(RegistryEndpoint ep, String repository, RegistryRequest request) {
        RegistryResponse response = transport.send(ep, request);
        if (response.status() != 202) {
            throw response.unexpected(ep.registry, request);
        }
        String location = response.header("Location").orElseThrow(() -> new RegistryResponseException(ep.registry,
                repository, request.describe(), 202, List.of(), "no Location header for the upload"));
        return response.uri().resolve(location);
    }

    private void cancel(RegistryEndpoint ep, String repository, URI upload) {
        try {
            transport.send(ep, RegistryRequest.of("DELETE", upload, repository, Scopes.push(repository)));
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
