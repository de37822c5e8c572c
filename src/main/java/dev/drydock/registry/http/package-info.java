/**
 * A small blocking HTTP/1.1 client for registry calls: keep-alive connections pooled per origin, one request per
 * connection at a time, the calling thread doing its own socket I/O. A registry check is one HEAD; with the JDK
 * client each one was several thread hand-offs and about a millisecond of CPU, here it is a write and a read.
 *
 * <p>Defaults: no proxy, TLS through the JVM's default trust store with host-name verification, HTTP/1.1 only
 * (every registry speaks it), idle connections kept {@value dev.drydock.registry.http.Http1Client#DEFAULT_MAX_IDLE_SECONDS}
 * seconds. Redirects are the caller's business.
 */
package dev.drydock.registry.http;
