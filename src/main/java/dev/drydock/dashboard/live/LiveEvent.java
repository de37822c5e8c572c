package dev.drydock.dashboard.live;

/**
 * One event for the browsers: {@code kind} names the SSE event ({@code run}, {@code base} or {@code cache-rule}),
 * {@code id} is the CloudEvents id, {@code data} the event's JSON data as published ({@code RunEvent},
 * {@code BaseChanged} or {@code CacheRuleChanged}).
 */
public record LiveEvent(Kind kind, String id, String data) {

    /** What changed; the SSE event name. */
    public enum Kind {
        RUN("run"),
        BASE("base"),
        CACHE_RULE("cache-rule");

        private final String sseName;

        Kind(String sseName) {
            this.sseName = sseName;
        }

        public String sseName() {
            return sseName;
        }
    }
}
