package dev.drydock.watch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The outcome of a base's last check. */
public enum BaseStatus {
    PENDING("pending"),
    OK("ok"),
    UNREACHABLE("unreachable"),
    UNAUTHORIZED("unauthorized"),
    RATE_LIMITED("rate-limited"),
    NOT_FOUND("not-found");

    private final String wire;

    BaseStatus(String wire) {
        this.wire = wire;
    }

    /** The name used in the API and the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Optional<BaseStatus> ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
