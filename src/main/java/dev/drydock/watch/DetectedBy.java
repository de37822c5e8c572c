package dev.drydock.watch;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a base change was noticed. */
public enum DetectedBy {
    /** A scheduled HEAD check. */
    POLL,
    /** A registry notification, confirmed by a HEAD check. */
    WEBHOOK,
    /** drydock pushed the image itself (a rebuilt image that other tasks build FROM). */
    PUSH,
    /** Someone asked for a check through the API. */
    MANUAL,
    /** The pull-through cache re-synced the tag from upstream (a cached tag that tasks build FROM). */
    CACHE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
