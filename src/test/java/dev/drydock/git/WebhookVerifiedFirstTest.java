package dev.drydock.git;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Webhooks check their signature or secret before they parse the body or touch the database: a request without
 * the right one is a 401 whatever its body holds (malformed, huge), and nothing is recorded.
 */
@QuarkusTest
class WebhookVerifiedFirstTest {

    static final String MALFORMED = "{\"repository\": [not json";

    @Inject
    AgroalDataSource db;

    @Test
    void shouldAnswer401NotA400ToAnUnsignedOrWronglySignedMalformedGitDelivery() throws Exception {
        long before = recorded();
        given().header("X-GitHub-Event", "push").contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/git/github").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/git/github").then().statusCode(401);
        given().header("X-Gitea-Event", "push").header("X-Gitea-Signature", "nope").contentType("application/json").body("[]")
                .post("/api/v1/webhooks/git/gitea").then().statusCode(401);
        given().header("X-Gitlab-Event", "Push Hook").contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/git/gitlab").then().statusCode(401);
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void shouldAnswer401ToAnUnsignedHugeGitDelivery() throws Exception {
        long before = recorded();
        byte[] huge = new byte[4 * 1024 * 1024];
        Arrays.fill(huge, (byte) '[');
        given().header("X-GitHub-Event", "push").contentType("application/json").body(huge)
                .post("/api/v1/webhooks/git/github").then().statusCode(401);
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void shouldAnswer401NotA400ToARegistryDeliveryWithoutItsSecret() throws Exception {
        long before = recorded();
        given().contentType("application/vnd.docker.distribution.events.v1+json").body(MALFORMED)
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/registry/distribution").then().statusCode(401);
        given().contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/registry/dockerhub?secret=wrong").then().statusCode(401);
        given().header("Authorization", "wrong").contentType("application/json").body(MALFORMED)
                .post("/api/v1/webhooks/registry/harbor").then().statusCode(401);
        assertThat(recorded()).isEqualTo(before);
    }

    /**
     * What a delivery would record had it been accepted: commit-triggered runs, events a webhook detected, tracked
     * bases. Runs and events of the earlier tests' builds, which may still be finishing, are not counted.
     */
    private long recorded() throws Exception {
        long total = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String query : List.of("SELECT count(*) FROM run WHERE trigger = 'Commit'",
                    "SELECT count(*) FROM outbox_event WHERE data LIKE '%\"webhook\"%'", "SELECT count(*) FROM base")) {
                try (ResultSet r = s.executeQuery(query)) {
                    r.next();
                    total += r.getLong(1);
                }
            }
        }
        return total;
    }
}
