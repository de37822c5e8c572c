/**
 * The OCI distribution client: {@link dev.drydock.registry.RegistryClient}, a thread-safe front over
 * small call classes (manifests, blobs, tags), with authentication, retries and per-registry limits.
 *
 * <p>Defaults, each a named constant: HTTPS (a registry listed as insecure uses plain HTTP); 8 requests
 * in flight per registry; 30 s per request; anonymous until a registry answers 401, then Basic or a bearer
 * token from the challenge's realm, cached per registry, user and scope until {@code expires_in} (60 s
 * when absent); one retry after a 401; 3 attempts for 429/5xx/network errors with backoff from 0.5 s
 * doubling to 30 s plus 20% jitter, never shorter than {@code Retry-After}, never waiting inline longer
 * than 60 s; a registry's circuit opens after 5 failures in a row and lets a trial through after 30 s.
 *
 * <p>Requests go down a stack of layers ({@link dev.drydock.registry.RegistryTransport}): retry, redirects, auth
 * bound to the registry's origin (credentials never reach another host, and a redirect target's 401 never
 * re-points the token realm), then the wire.
 *
 * <p>Reads of manifests send all four manifest media types in {@code Accept}; a GET's body must hash to
 * {@code Docker-Content-Digest} and to a pinned digest. Missing manifests and blobs are
 * {@link java.util.Optional#empty()}; failures are {@link dev.drydock.registry.RegistryException}s that
 * answer {@code temporary()}.
 */
package dev.drydock.registry;
