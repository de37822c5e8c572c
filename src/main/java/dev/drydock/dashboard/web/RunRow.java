package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A run as the pages show it: statuses and triggers in words, causes as sentences, digests shortened with the
 * full value kept for tooltips.
 *
 * @param statusClass lower-case status for styling (queued, running, succeeded…)
 * @param position place in the build queue (1 = next), 0 when the run is not queued
 */
@TemplateData
public record RunRow(
        long id,
        String task,
        String status,
        String statusClass,
        String trigger,
        boolean active,
        boolean queued,
        int position,
        List<String> causes,
        List<Pin> pins,
        String gitRef,
        String gitCommit,
        List<Pin> args,
        Times created,
        Times started,
        Times finished,
        String duration,
        List<String> outputs,
        String outputDigest,
        String outputDigestShort,
        boolean unchanged,
        String error,
        int attempt) {

    /** A name and value shown side by side: a pinned base and its digest, or a build argument. */
    @TemplateData
    public record Pin(String name, String label, String value, String shortValue) {}

    /** The first cause, for one-line views; null when there is none. */
    public String firstCause() {
        return causes.isEmpty() ? null : causes.get(0);
    }

    /** Causes beyond the first (a queued run re-pinned by later changes keeps each). */
    public int moreCauses() {
        return Math.max(0, causes.size() - 1);
    }
}
