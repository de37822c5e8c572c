/**
 * Container image names, digests, platforms and manifest media types.
 *
 * <p>References follow the docker/distribution {@code reference} grammar with Docker Hub defaults:
 * {@code nginx} means {@code docker.io/library/nginx:latest}, {@code bitnami/redis} means {@code
 * docker.io/bitnami/redis:latest}, and {@code index.docker.io} or {@code registry-1.docker.io} are
 * written as {@code docker.io}. Parsing never repairs input: an upper-case repository is an error, not
 * a lower-cased name. Every failure is an {@link dev.drydock.image.InvalidReferenceException} naming
 * the part of the reference that is wrong.
 */
package dev.drydock.image;
