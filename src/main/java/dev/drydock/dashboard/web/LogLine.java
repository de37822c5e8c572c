package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.time.Instant;

/** One line of a run's log; {@code time} is HH:mm:ss UTC, {@code at} the full instant. */
@TemplateData
public record LogLine(long seq, String at, String time, String text) {

    static LogLine of(long seq, Instant at, String text) {
        String iso = at.toString();
        return new LogLine(seq, iso, iso.length() >= 19 ? iso.substring(11, 19) : iso, text);
    }
}
