package dev.drydock.outbox;

/** A message that can never be handled, whatever is retried; it goes to the dead-letter topic. */
public class UndeliverableMessage extends RuntimeException {

    private final String channel;

    public UndeliverableMessage(String channel, String reason) {
        super(reason);
        this.channel = channel;
    }

    public String channel() {
        return channel;
    }
}
