package dev.drydock.registry;

import dev.drydock.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * Copies a blob between repositories of any registries as one stream, the way {@code skopeo copy} does: the source's
 * GET body is written into the target upload's single PATCH as it arrives, hashed on the way, and the upload is
 * committed (PUT with {@code ?digest=}) only when the bytes hash to the digest; otherwise it is cancelled and never
 * becomes a blob. Neither disk nor more than one buffer of memory holds the blob.
 *
 * <p>Both requests run in {@link CopySlots} taken up front. A download that breaks is retried as any GET is (per the
 * retry policy), each attempt into a fresh upload; a failed upload fails the copy.
 */
final class StreamedBlobCopy {

    private final RegistryTransport transport;
    private final BlobCalls blobs;

    StreamedBlobCopy(RegistryTransport transport, BlobCalls blobs) {
        this.transport = transport;
        this.blobs = blobs;
    }

    /** False when the source does not have the blob. */
    boolean copy(RegistryEndpoint from, String fromRepository, RegistryEndpoint to, String toRepository,
            Digest digest) {
        try (CopySlots slots = CopySlots.take(from, to, toRepository)) {
            RegistryRequest get = RegistryRequest.of("GET", from.uri(fromRepository, "blobs/" + digest),
                    fromRepository, Scopes.pull(fromRepository)).in(slots)
                    .streamTo((body, length) -> upload(from, fromRepository, to, toRepository, digest, slots, body,
                            length));
            RegistryResponse response = transport.send(from, get);
            if (response.status() == 404) {
                return false;
            }
            if (response.status() != 200) {
                throw response.unexpected(from.registry, get);
            }
            return true;
        }
    }

    // One attempt: a fresh upload fed from this download.
    private void upload(RegistryEndpoint from, String fromRepository, RegistryEndpoint to, String toRepository,
            Digest digest, CopySlots slots, InputStream body, long length) throws IOException {
        if (length > BlobCalls.MAX_STREAMED_BLOB_BYTES) {
            throw new RegistryResponseException(from.registry, fromRepository, "GET blob " + digest, 200, List.of(),
                    "blob is larger than " + BlobCalls.MAX_STREAMED_BLOB_BYTES + " bytes");
        }
        URI upload = blobs.startUpload(to, toRepository, slots);
        VerifiedStream stream = new VerifiedStream(body, length, digest.algorithm(),
                BlobCalls.MAX_STREAMED_BLOB_BYTES, from.registry, fromRepository);
        try {
            RegistryRequest patch = RegistryRequest.of("PATCH", upload, toRepository, Scopes.push(toRepository))
                    .body(stream, "application/octet-stream").idempotent(false).in(slots);
            if (length > 0) {
                patch = patch.header("Content-Range", "0-" + (length - 1));
            }
            RegistryResponse response = transport.send(to, patch);
            if (response.status() != 202) {
                throw response.unexpected(to.registry, patch);
            }
            upload = response.header("Location").map(l -> response.uri().resolve(l)).orElse(upload);
            if (!digest.equals(stream.digest())) {
                throw new DigestMismatchException(from.registry, fromRepository, "blob " + digest, digest,
                        stream.digest());
            }
            blobs.commitUpload(to, toRepository, upload, digest, slots);
        } catch (RuntimeException e) {
            blobs.cancel(to, toRepository, upload, slots);
            if (stream.sourceFailure() != null) {
                throw stream.sourceFailure(); // the download broke: the GET goes again, into a new upload
            }
            throw e;
        }
    }
}
