/**
 * Container image names, digests, platforms and manifest media types.
 *
 * <p>References follow the docker/distribution {@code reference} grammar with Docker Hub defaults:
 * {@code nginx} means {@code docker.io/library/nginx:latest}, {@code bitnami/redis} means {@code
 * docker.io/bitnami/redis:latest}, and {@code index.docker.io} or {@code registry-1.docker.io} are
 * written as {@code docker.io}. A first component is a host when it has a dot, a port or is {@code
 * localhost} and is a valid host name; {@code ex_ample.com/app} is none, so it is the Docker Hub path {@code
 * docker.io/ex_ample.com/app}. A name of 64 hex characters is an image id, not a repository, and is refused.
 * Digests are sha256, sha384 or sha512. Parsing never repairs input: an upper-case repository is an error, not
 * a lower-cased name. Every failure is an {@link dev.drydock.image.InvalidReferenceException} naming
 * the part of the reference that is wrong.
 */
package dev.drydock.image;
