package dev.drydock.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.run.Cause;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CauseWordsTest {

    private static final String OLD = "sha256:ab12ab12" + "0".repeat(56);
    private static final String NEW = "sha256:cd34cd34" + "0".repeat(56);
    private static final String PUSHED = "sha256:ef56ef56" + "0".repeat(56);
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static final Cause JRE_CHANGED = Cause.baseChange("e1", "docker.io/library/eclipse-temurin:21-jre", OLD, NEW,
            "poll", null, null, AT);
    private static final Cause APP_BASE_PUSHED = Cause.baseChange("e2", "registry.example/team/app-base:1", OLD, PUSHED,
            "push", 7L, "app-base", AT);

    private static List<String> words(Map<Long, List<Cause>> runs, Cause... causes) {
        return new CauseWords(id -> Optional.ofNullable(runs.get(id))).describe(List.of(causes));
    }

    @Test
    void shouldDescribeABaseChangeWithShortDigestsAndHowItWasSeen() {
        assertThat(words(Map.of(), JRE_CHANGED))
                .containsExactly("eclipse-temurin:21-jre changed sha256:ab12ab12… → sha256:cd34cd34… (poll)");
    }

    @Test
    void shouldFollowACascadeBackToTheChangeThatStartedIt() {
        assertThat(words(Map.of(7L, List.of(JRE_CHANGED)), APP_BASE_PUSHED)).containsExactly(
                "eclipse-temurin:21-jre changed sha256:ab12ab12… → sha256:cd34cd34… (poll), then app-base rebuilt and pushed sha256:ef56ef56…");
    }

    @Test
    void shouldSayWhatWasPushedWhenTheUpstreamRunIsGone() {
        assertThat(words(Map.of(), APP_BASE_PUSHED))
                .containsExactly("app-base rebuilt and pushed sha256:ef56ef56… as registry.example/team/app-base:1");
    }

    @Test
    void shouldStopWhenRunsReferToEachOther() {
        Cause loop = Cause.baseChange("e3", "registry.example/a:1", OLD, NEW, "push", 1L, "a", AT);
        assertThat(words(Map.of(1L, List.of(loop)), loop)).singleElement().asString().contains("then a rebuilt");
    }

    @Test
    void shouldDescribeAFirstSightingManualTimerAndCommitCauses() {
        Cause first = Cause.baseChange("e4", "docker.io/library/nginx:1", null, NEW, "webhook", null, null, AT);
        assertThat(words(Map.of(), first, Cause.manual(AT), Cause.timer("nightly", AT),
                Cause.commit("github", "main", "0123456789abcdef", "d1", "alice", AT))).containsExactly(
                "nginx:1 now at sha256:cd34cd34… (webhook)",
                "started by hand",
                "timer nightly fired",
                "commit 0123456 pushed to main on github by alice");
    }

    @Test
    void shouldTellAReSyncedCachedTagFromTheUpstreamChangeItCopied() {
        Cause resynced = Cause.baseChange("e5", "registry.example/cache/nginx:1.27", OLD, NEW, "cache", null, null, AT)
                .withUpstream(new Cause.Upstream("docker.io/library/nginx:1.27", OLD, NEW));
        Cause appeared = resynced.withUpstream(new Cause.Upstream("docker.io/library/nginx:1.27", null, NEW));

        assertThat(words(Map.of(), resynced, appeared)).containsExactly(
                "nginx:1.27 changed sha256:ab12ab12… → sha256:cd34cd34… upstream, then registry.example/cache/nginx:1.27 re-synced",
                "nginx:1.27 now at sha256:cd34cd34… upstream, then registry.example/cache/nginx:1.27 re-synced");
    }
}
