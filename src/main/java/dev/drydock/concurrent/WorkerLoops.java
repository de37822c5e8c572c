package dev.drydock.concurrent;

import java.time.Duration;
import java.time.Instant;

/** What the claim loops of runs and of imports share: the host a worker names itself after, and their pauses. */
public final class WorkerLoops {

    /** The longest one pause lasts, so a loop looks again at least this often. */
    static final long MAX_PAUSE_MILLIS = 30_000;

    private WorkerLoops() {
    }

    /**
     * This replica's name in the workers' names: {@code DRYDOCK_REPLICA_ID} when set (a stable name per replica, as
     * the Kafka consumers use it), else the host name.
     */
    public static String replicaName() {
        String id = System.getenv("DRYDOCK_REPLICA_ID");
        return id == null || id.isBlank() ? hostname() : id.strip();
    }

    /** This machine's host name, or {@code worker} when it has none. */
    public static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "worker";
        }
    }

    /**
     * Sleeps until a little after {@code until}, at least {@code minimumMillis} and at most
     * {@value #MAX_PAUSE_MILLIS} ms; false when interrupted (the service is stopping).
     */
    public static boolean sleepUntil(Instant until, long minimumMillis) {
        try {
            Thread.sleep(Math.max(minimumMillis,
                    Math.min(Duration.between(Instant.now(), until).toMillis() + 100, MAX_PAUSE_MILLIS)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
