package dev.drydock.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.drydock.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageTimestampTest {

    static final Instant COMMITTED = Instant.parse("2026-11-30T08:15:00Z");
    static final TaskSpec.Source GIT = new TaskSpec.Source(new TaskSpec.Git("https://git.example/a.git", "main", "."),
            null);
    static final TaskSpec.Source INLINE = new TaskSpec.Source(null, new TaskSpec.Inline(Map.of("Dockerfile", "FROM a")));

    @Test
    void shouldStampTheEpochByDefault() {
        assertThat(ImageTimestamp.of(spec(GIT, null), Optional.of(COMMITTED))).isEqualTo(Instant.EPOCH);
        assertThat(ImageTimestamp.of(spec(GIT, "epoch"), Optional.of(COMMITTED))).isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldStampTheCommitTimeWhenCreatedIsCommit() {
        assertThat(ImageTimestamp.of(spec(GIT, "commit"), Optional.of(COMMITTED))).isEqualTo(COMMITTED);
    }

    @Test
    void shouldFallBackToTheEpochWhenThereIsNoCommit() {
        assertThat(ImageTimestamp.of(spec(GIT, "commit"), Optional.empty())).isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldStoreTheDefaultAsNothingAndKeepCommit() {
        assertThat(ImageTimestamp.validate(null, GIT)).isNull();
        assertThat(ImageTimestamp.validate("epoch", INLINE)).isNull();
        assertThat(ImageTimestamp.validate("commit", GIT)).isEqualTo("commit");
    }

    @Test
    void shouldRejectCommitForInlineSourcesOnTheCreatedField() {
        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> ImageTimestamp.validate("commit", INLINE))
                .withMessageContaining("inline files have no commit")
                .satisfies(e -> assertThat(e.field()).isEqualTo("created"));
    }

    @Test
    void shouldRejectAnUnknownValueNamingBoth() {
        assertThatExceptionOfType(ProblemException.class)
                .isThrownBy(() -> ImageTimestamp.validate("now", GIT))
                .withMessageContaining("epoch")
                .withMessageContaining("commit");
    }

    private static TaskSpec spec(TaskSpec.Source source, String created) {
        return new TaskSpec("app", source, "Dockerfile", Map.of(), List.of("127.0.0.1:5000/app:latest"), List.of(),
                null, null, 600, null, null, null, null, created);
    }
}
