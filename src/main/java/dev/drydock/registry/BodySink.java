package dev.drydock.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the body of a successful answer goes instead of memory (a blob being copied). Given the body of
 * each attempt afresh, so a retry after a broken download starts over.
 */
@FunctionalInterface
interface BodySink {

    /**
     * Reads {@code body} to its end; an {@link IOException} is a broken download, which may be retried.
     *
     * @param length the body's {@code Content-Length}, or -1 when the answer did not say
     */
    void receive(InputStream body, long length) throws IOException;
}
