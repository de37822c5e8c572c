package dev.drydock.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.task.TaskFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** What the dashboard reads of the cache: rules with their counters, each rule's tags newest first, pages capped. */
@QuarkusTest
class CacheOverviewTest {

    @Inject
    CacheOverview overview;

    @Test
    void shouldListARulesTagsNewestImportFirstInCappedPages() {
        String rule = rule("overview");
        String other = rule("overview-other");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 130; i++) {
                tag("cache/" + rule, "t" + i, rule, now.minusSeconds(i));
            }
            tag("cache/" + other, "t0", other, now.plusSeconds(60));
        });

        CacheOverview.TagPage first = overview.tags(rule, 0, 1000);
        assertThat(first.size()).as("capped").isEqualTo(CacheOverview.MAX_PAGE_SIZE);
        assertThat(first.total()).isEqualTo(130);
        assertThat(first.tags()).hasSize(100).extracting(CacheOverview.CachedTag::tag).startsWith("t0", "t1").endsWith("t99");
        assertThat(first.tags().get(0)).isEqualTo(new CacheOverview.CachedTag("cache/" + rule, "t0", digest(0), now, now));
        assertThat(overview.tags(rule, 1, 1000).tags()).extracting(CacheOverview.CachedTag::tag).hasSize(30)
                .startsWith("t100").endsWith("t129");
        assertThat(overview.tags(rule, Integer.MAX_VALUE, 50).tags()).as("far past the end").isEmpty();
        assertThat(overview.tags(rule, -3, 0).tags()).extracting(CacheOverview.CachedTag::tag).containsExactly("t0");
        assertThat(overview.tags(other, 0, 50).tags()).extracting(CacheOverview.CachedTag::repository)
                .containsExactly("cache/" + other);
        assertThat(overview.tags("no-such-rule", 0, 50).total()).isZero();
    }

    @Test
    void shouldShowARuleWithItsStatsInThePagesOfRules() {
        String rule = rule("overview-stats");
        CacheOverview.RulePage all = overview.rules(0, 1000);
        assertThat(all.size()).isEqualTo(CacheOverview.MAX_PAGE_SIZE);
        assertThat(all.total()).isPositive();
        CacheRule found = overview.rule(rule).orElseThrow();
        assertThat(found.stats().hits()).isZero();
        assertThat(found.stats().lastCheck()).isNull();
        assertThat(overview.rule("no-such-rule")).isEmpty();
        assertThat(overview.rules(Integer.MAX_VALUE, 50).rules()).isEmpty();
    }

    private static String rule(String prefix) {
        String name = TaskFixtures.unique(prefix);
        given().contentType(ContentType.JSON).body(CacheRuleTest.body(name, "docker.io/library/" + name, "cache/" + name, ""))
                .post("/api/v1/cache-rules").then().statusCode(201);
        return name;
    }

    private static void tag(String repository, String tag, String rule, Instant importedAt) {
        CachedTagEntity e = new CachedTagEntity();
        e.key = new CachedTagEntity.Key(repository, tag);
        e.rule = rule;
        e.digest = digest(Integer.parseInt(tag.substring(1)));
        e.checkedAt = importedAt;
        e.importedAt = importedAt;
        e.persist();
    }

    private static String digest(int i) {
        return "sha256:" + String.format("%064x", i);
    }
}
