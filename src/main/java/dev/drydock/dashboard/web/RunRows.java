package dev.drydock.dashboard.web;

import dev.drydock.problem.ProblemException;
import dev.drydock.task.run.Cause;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.task.run.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns runs into {@link RunRow}s, reading causes of upstream runs through {@link RunService}. */
@ApplicationScoped
public class RunRows {

    @Inject
    RunService runs;

    public RunRow row(Run run, int position, Instant now) {
        return row(runs.view(run), position, now);
    }

    public RunRow row(RunView run, int position, Instant now) {
        CauseWords words = new CauseWords(this::causesOf);
        boolean active = !run.status().isFinal();
        Instant end = run.finishedAt() != null ? run.finishedAt() : active && run.startedAt() != null ? now : null;
        return new RunRow(run.id(), run.task(), run.status().name(), run.status().name().toLowerCase(Locale.ROOT),
                trigger(run.trigger()), active, run.status() == RunStatus.Queued, position,
                words.describe(run.cause() == null ? List.of() : run.cause()), pins(run.pinned(), true),
                run.gitRef(), run.gitCommit(), pins(run.args(), false),
                Times.of(run.createdAt(), now), Times.of(run.startedAt(), now), Times.of(run.finishedAt(), now),
                Times.duration(run.startedAt(), end), run.outputs() == null ? List.of() : run.outputs(),
                run.outputDigest(), Names.digest(run.outputDigest()), run.unchanged(), run.error(), run.attempt());
    }

    static String trigger(RunTrigger trigger) {
        return switch (trigger) {
            case Manual -> "Manual";
            case Commit -> "Commit";
            case Timer -> "Timer";
            case ImageUpdate -> "Image update";
        };
    }

    private Optional<List<Cause>> causesOf(long runId) {
        try {
            return Optional.of(runs.causes(runs.get(runId)));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    private static List<RunRow.Pin> pins(Map<String, String> values, boolean digests) {
        List<RunRow.Pin> pins = new ArrayList<>();
        if (values != null) {
            values.forEach((name, value) -> pins.add(new RunRow.Pin(name, digests ? Names.image(name) : name, value,
                    digests ? Names.digest(value) : value)));
        }
        return pins;
    }
}
