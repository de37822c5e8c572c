package dev.drydock.registry;

import java.io.IOException;

/**
 * One layer of sending a registry request; each wraps the next, the way go-containerregistry stacks retry,
 * redirects, auth and the wire as round-trippers. {@link RegistryTransport} assembles the stack.
 */
@FunctionalInterface
interface RegistryExchange {

    /**
     * The answer to {@code request} as this layer sees it.
     *
     * @throws IOException when no answer came (the retry layer decides what that means)
     */
    RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) throws IOException;
}
