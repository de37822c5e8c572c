package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A moment as pages show it: relative ("3 min ago") with the exact UTC time beside it for tooltips and scripts. */
@TemplateData
public record Times(String iso, String ago, String utc) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** null for a moment that has not happened. */
    public static Times of(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        return new Times(at.toString(), relative(at, now), UTC.format(at));
    }

    static String relative(Instant at, Instant now) {
        long seconds = Duration.between(at, now).getSeconds();
        boolean future = seconds < 0;
        String span = span(Math.abs(seconds));
        if (span == null) {
            return future ? "in a moment" : "just now";
        }
        return future ? "in " + span : span + " ago";
    }

    private static String span(long seconds) {
        if (seconds < 5) {
            return null;
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }

    /** "1 min 12 s", for how long a run took; null when it has not started. */
    public static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        long s = Math.max(0, Duration.between(from, to).getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
