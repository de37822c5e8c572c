package dev.drydock.testing;

import java.net.URI;

/** A running registry of the test stack, a local process or a container. */
public interface TestRegistry {

    /** host:port, the registry part of image references pushed here. */
    String host();

    default URI url() {
        return URI.create("http://" + host());
    }

    /** Makes the registry unreachable, like a crash; {@link #start()} brings it back on the same address and storage. */
    default void stop() {
        throw new UnsupportedOperationException("this test registry cannot be stopped");
    }

    default void start() {
        throw new UnsupportedOperationException("this test registry cannot be started again");
    }
}
