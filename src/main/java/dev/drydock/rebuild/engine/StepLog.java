package dev.drydock.rebuild.engine;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link BuildLog} as the builder uses it: one step at a time (Jib reports from many threads), and
 * every secret the build knows replaced, in case a registry or Jib echoes one back.
 */
final class StepLog {

    static final String REDACTED = "<redacted>";

    private final BuildLog delegate;
    private final List<String> secrets;

    StepLog(BuildLog delegate, Set<String> secrets) {
        this.delegate = Objects.requireNonNull(delegate, "log");
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
    }

    synchronized void step(String message) {
        delegate.step(redact(message));
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }
}
