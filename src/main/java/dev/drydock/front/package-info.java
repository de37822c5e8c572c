/**
 * The registry front: the Docker Registry HTTP API v2 on the private registry's public address, in front of a
 * loopback-only Distribution. Each request is identified and checked through {@link dev.drydock.access.RegistryAccess},
 * throttled (token buckets per client address for anonymous callers, per token for tokens), then streamed to
 * the backend and back without buffering. See docs/registry.md.
 */
package dev.drydock.front;
