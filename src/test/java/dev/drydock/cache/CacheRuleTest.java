package dev.drydock.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache-rules API against the real stack: PostgreSQL, the outbox and the private Distribution. */
@QuarkusTest
class CacheRuleTest {

    @Inject
    CacheRuleLookup lookup;

    @Inject
    AgroalDataSource db;

    static String body(String name, String source, String target, String extra) {
        return "{\"name\":\"" + name + "\",\"source\":\"" + source + "\",\"target\":\"" + target + "\"" + extra + "}";
    }

    static void create(String body, int status) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/cache-rules").then().statusCode(status);
    }

    List<String> events(String subject) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select type from outbox_event where subject = ? order by created_at")) {
            s.setString(1, subject);
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
            return types;
        }
    }

    @Test
    void shouldCreateShowListChangeAndDeleteARuleEachWithItsEvent() throws Exception {
        String name = TaskFixtures.unique("nginx");
        given().contentType(ContentType.JSON).body(body(name, "docker.io/library/" + name, "cache/" + name, ""))
                .post("/api/v1/cache-rules").then().statusCode(201)
                .header("Location", containsString("/api/v1/cache-rules/" + name))
                .body("source", equalTo("docker.io/library/" + name)).body("refresh", equalTo("PT5M"))
                .body("hits", equalTo(0)).body("misses", equalTo(0));

        given().get("/api/v1/cache-rules/" + name).then().statusCode(200).body("target", equalTo("cache/" + name));
        given().queryParam("size", 500).get("/api/v1/cache-rules").then().statusCode(200)
                .body("items.name", hasItem(name)).body("size", equalTo(500));
        given().contentType(ContentType.JSON).body("{\"refresh\":\"PT1M\",\"syncTags\":{\"include\":\"^1\\\\.\","
                        + "\"semver\":\">=1.25 <2\"}}")
                .patch("/api/v1/cache-rules/" + name).then().statusCode(200).body("refresh", equalTo("PT1M"))
                .body("syncTags.semver", equalTo(">=1.25 <2")).body("source", equalTo("docker.io/library/" + name));
        assertThat(lookup.forPrivate("cache/" + name)).map(CacheRuleLookup.CachedRepository::upstreamRepository)
                .contains("docker.io/library/" + name);

        given().delete("/api/v1/cache-rules/" + name).then().statusCode(204);
        given().get("/api/v1/cache-rules/" + name).then().statusCode(404);
        given().delete("/api/v1/cache-rules/" + name).then().statusCode(404);
        assertThat(events("cache-rule/" + name)).containsExactly("dev.drydock.cache-rule.created",
                "dev.drydock.cache-rule.updated", "dev.drydock.cache-rule.deleted");
        assertThat(lookup.forPrivate("cache/" + name)).isEmpty();
    }

    @Test
    void shouldNormaliseADockerHubShortNameAndRefuseATakenSourceOrTarget() {
        String name = TaskFixtures.unique("short");
        given().contentType(ContentType.JSON).body(body(name, name, "cache/" + name, "")).post("/api/v1/cache-rules")
                .then().statusCode(201).body("source", equalTo("docker.io/library/" + name));
        given().contentType(ContentType.JSON).body(body(name + "-b", "docker.io/library/" + name, "cache/other-" + name, ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString(name));
        given().contentType(ContentType.JSON).body(body(name + "-c", "docker.io/library/other-" + name, "cache/" + name, ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString("cache/" + name));
        given().contentType(ContentType.JSON).body(body(name, "docker.io/library/x" + name, "cache/x" + name, ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString("already exists"));
    }

    @Test
    void shouldRefuseOverlappingWildcardsAndLetAnExactRuleWinOverAWildcard() {
        String ns = TaskFixtures.unique("ns");
        String upstream = "quay.io/" + ns;
        create(body(ns + "-all", upstream + "/*", "cache/" + ns + "/*", ""), 201);
        given().contentType(ContentType.JSON).body(body(ns + "-inner", upstream + "/team/*", "cache/" + ns + "-b/*", ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString(ns + "-all"));
        given().contentType(ContentType.JSON).body(body(ns + "-t", "ghcr.io/" + ns + "/*", "cache/" + ns + "/x/*", ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString("overlaps"));
        create(body(ns + "-exact", upstream + "/app", "cache/" + ns + "-exact/app", ""), 201);

        assertThat(lookup.forUpstream(upstream + "/app")).map(CacheRuleLookup.CachedRepository::privateRepository)
                .contains("cache/" + ns + "-exact/app");
        assertThat(lookup.forUpstream(upstream + "/team/web")).map(CacheRuleLookup.CachedRepository::privateRepository)
                .contains("cache/" + ns + "/team/web");
        assertThat(lookup.forPrivate("cache/" + ns + "/team/web")).map(CacheRuleLookup.CachedRepository::rule)
                .contains(ns + "-all");
        assertThat(lookup.forUpstream("quay.io/other/app")).isEmpty();
    }

    @Test
    void shouldRefuseATargetWhoseRepositoriesAlreadyExistOutsideTheCacheNamingThem() {
        String ns = TaskFixtures.unique("taken");
        TestImages.push(TestStack.get().privateRegistry().host() + "/" + ns + "/app:1");

        given().contentType(ContentType.JSON).body(body(ns + "-exact", "docker.io/library/" + ns, ns + "/app", ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString(ns + "/app"));
        given().contentType(ContentType.JSON).body(body(ns + "-all", "quay.io/" + ns + "/*", ns + "/*", ""))
                .post("/api/v1/cache-rules").then().statusCode(409).body("detail", containsString(ns + "/app"));
        given().get("/api/v1/cache-rules/" + ns + "-all").then().statusCode(404);
    }
}
