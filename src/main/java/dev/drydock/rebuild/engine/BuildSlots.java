package dev.drydock.rebuild.engine;

import java.util.concurrent.Semaphore;

/**
 * The full-build slots of a worker: full Jib builds and buildah builds are CPU-bound, so at most this many run at
 * once, whichever engine runs them; rebases (I/O-bound) take no slot. Waiters are served in arrival order.
 */
public final class BuildSlots {

    /** A slot held by one build; closing it gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore slots;

    /** @param count how many full builds may run at once; more wait for a slot */
    public BuildSlots(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("full builds must be at least 1, got " + count);
        }
        this.slots = new Semaphore(count, true);
    }

    /** Slots for tests and tools that do not limit builds. */
    public static BuildSlots unlimited() {
        return new BuildSlots(Integer.MAX_VALUE);
    }

    /**
     * Takes a slot, waiting for one (and saying so in the log) when all are taken.
     *
     * @throws BuildException {@code CANCELED} when the thread is interrupted while it waits
     */
    public Slot acquire(BuildLog log) throws BuildException {
        try {
            if (!slots.tryAcquire()) {
                log.step("waiting for a full-build slot (" + slots.getQueueLength() + " already waiting)");
                slots.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildException.canceled();
        }
        return slots::release;
    }

    /** How many builds wait for a slot now. */
    public int waiting() {
        return slots.getQueueLength();
    }
}
