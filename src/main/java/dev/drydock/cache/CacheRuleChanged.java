package dev.drydock.cache;

import dev.drydock.outbox.Summarized;

/**
 * Data of {@code dev.drydock.cache-rule.created|updated|deleted} on {@code drydock.cache-rule-events} (key: the
 * rule's name).
 */
public record CacheRuleChanged(String rule, String change, String source, String target) implements Summarized {

    @Override
    public String summary() {
        return "cache rule " + rule + " " + change + ": " + source + " -> " + target;
    }
}
