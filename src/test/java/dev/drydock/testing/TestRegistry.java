package dev.drydock.testing;

import java.net.URI;

/** A running registry of the test stack, a local process or a container. */
public interface TestRegistry {

    /** host:port, the registry part of image references pushed here. */
    String host();

    default URI url() {
        return URI.create("http://" + host());
    }
}
