package dev.drydock.dashboard;

import static dev.drydock.dashboard.DashboardFixtures.anonymous;
import static dev.drydock.dashboard.DashboardFixtures.asAdmin;
import static dev.drydock.dashboard.DashboardFixtures.asReader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.drydock.dashboard.auth.SessionCookie;
import dev.drydock.task.run.RunLog;
import dev.drydock.testing.DrydockStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each page, its session rules and its buttons, over HTTP. */
@QuarkusTest
class DashboardPagesTest {

    @Inject
    RunLog log;

    @Test
    void shouldSendABrowserWithoutASessionToTheLoginPage() {
        for (String path : List.of("/", "/runs", "/runs/1", "/bases", "/graph", "/tasks", "/tasks/any", "/runs?status=Queued",
                "/imports", "/cache", "/cache/any")) {
            anonymous().get(path).then().statusCode(303)
                    .header("Location", endsWithPath("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
        }
        anonymous().header("Cookie", SessionCookie.NAME + "=not-a-token").get("/runs").then().statusCode(303);
        anonymous().header("X-Drydock-Fragment", "1").get("/?part=list").then().statusCode(401);
        anonymous().accept("text/event-stream").get("/dashboard/events").then().statusCode(401);
        anonymous().get("/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<label for=\"token\">API token</label>"));
    }

    @Test
    void shouldServeTheStylesAndScriptsWithoutASession() {
        anonymous().get("/static/dashboard.css").then().statusCode(200).body(containsString(":focus-visible"));
        anonymous().get("/static/dashboard.js").then().statusCode(200).body(containsString("EventSource"));
    }

    @Test
    void shouldShowAnErrorAndSetNoCookieForABadToken() {
        Response response = anonymous().formParam("token", "wrong-token").formParam("next", "/runs").post("/login");
        response.then().statusCode(401).body(containsString("That token is not valid")).body(not(containsString("wrong-token")));
        assertThat(response.getHeader("Set-Cookie")).isNull();
        anonymous().formParam("token", "").post("/login").then().statusCode(400).body(containsString("Enter an API token"));
    }

    @Test
    void shouldSignInWithAStrictHttpOnlyCookieAndGoWhereTheViewerWasHeading() {
        Response response = anonymous().formParam("token", DrydockStackResource.READ_TOKEN).formParam("next", "/runs?status=Failed")
                .post("/login");
        response.then().statusCode(303).header("Location", endsWithPath("/runs?status=Failed"));
        String cookie = response.getHeader("Set-Cookie");
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");
        asReader().get("/login").then().statusCode(303);
        asReader().get("/login/session").then().statusCode(204);
        anonymous().get("/login/session").then().statusCode(401);
        anonymous().post("/logout").then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void shouldNeverRedirectToAnotherSiteAfterSigningIn() {
        for (String next : List.of("//elsewhere.example/x", "https://elsewhere.example/", "/\\elsewhere.example", "")) {
            anonymous().formParam("token", DrydockStackResource.READ_TOKEN).formParam("next", next).post("/login").then()
                    .statusCode(303).header("Location", endsWithPath("/"));
        }
    }

    @Test
    void shouldListATaskThatIsBehindAndNeverSayNothingIsWaitingMeanwhile() {
        // Its base was never pushed: it is never built, or its base not found, depending on whether it was checked yet.
        String task = DashboardFixtures.task("dash-behind");

        String list = asReader().get("/?part=list").then().statusCode(200).extract().asString();
        assertThat(list).contains("id=\"behind-" + task + "\"").containsPattern("data-reason=\"(never-built|base-unreachable)\"")
                .doesNotContain("Nothing is waiting");
    }

    @Test
    void shouldShowEveryPageToAReader() {
        String task = DashboardFixtures.task("dash-pages");
        long run = DashboardFixtures.parkedRun(task);
        log.append(run, "step 1/3: resolving the base");
        try {
            asReader().get("/").then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .body(containsString("<h1>Pending rebuilds</h1>"))
                    .body(containsString("id=\"run-" + run + "\""))
                    .body(containsString("started by hand"));
            asReader().get("/?part=list").then().statusCode(200).body(containsString("id=\"run-" + run + "\""))
                    .body(not(containsString("<html")));
            asReader().get("/runs?task=" + task).then().statusCode(200).body(containsString("<h1>Runs</h1>"))
                    .body(containsString("href=\"/runs/" + run + "\""))
                    .body(containsString("<option value=\"" + task + "\" selected>"));
            asReader().get("/runs?task=" + task + "&status=Succeeded").then().statusCode(200).body(containsString("No run matches."));
            asReader().get("/runs/" + run).then().statusCode(200).body(containsString("Run #" + run))
                    .body(containsString("step 1/3: resolving the base"))
                    .body(containsString("data-active=\"true\""));
            asReader().get("/runs/" + run + "/log?after=0").then().statusCode(200)
                    .body("lines[0].text", equalTo("step 1/3: resolving the base")).body("finished", equalTo(false));
            asReader().get("/runs/" + run + "/log.txt").then().statusCode(200).body(containsString("step 1/3"));
            asReader().get("/bases").then().statusCode(200).body(containsString("<h1>Bases</h1>"))
                    .body(containsString(DashboardFixtures.upstreamImage(task)));
            asReader().get("/graph?task=" + task).then().statusCode(200).body(containsString("<svg class=\"graph\""))
                    .body(containsString("href=\"/tasks/" + task + "\""));
            asReader().get("/tasks?q=" + task).then().statusCode(200).body(containsString("href=\"/tasks/" + task + "\""));
            asReader().get("/tasks/" + task).then().statusCode(200).body(containsString("<h1>" + task + "</h1>"))
                    .body(containsString("a new digest of its runtime base"));
            asReader().get("/cache").then().statusCode(200).header("Content-Security-Policy", containsString("script-src 'self'"))
                    .body(containsString("<h1>Cache</h1>"));
            asReader().get("/runs/999999999").then().statusCode(404).contentType(containsString("text/html"))
                    .body(containsString("does not exist"));
        } finally {
            asAdmin().post("/runs/" + run + "/cancel");
        }
    }

    @Test
    void shouldLetAReaderLookButNotPress() {
        String task = DashboardFixtures.task("dash-reader");
        long run = DashboardFixtures.parkedRun(task);
        try {
            asReader().get("/tasks/" + task).then().statusCode(200).body(not(containsString("Run now")));
            asReader().get("/runs/" + run).then().statusCode(200).body(not(containsString("Cancel run")))
                    .body(containsString("Signed in read-only"));
            asReader().get("/").then().body(not(containsString("id=\"cancel-" + run + "\"")));
            asReader().post("/tasks/" + task + "/run").then().statusCode(403).body(containsString("read-only token"));
            asReader().post("/runs/" + run + "/cancel").then().statusCode(403);
            asReader().post("/runs/" + run + "/rerun").then().statusCode(403);
            asReader().post("/bases/1/check").then().statusCode(403);
            given().get("/api/v1/runs?task=" + task).then().body("items.size()", equalTo(1)).body("items[0].status", equalTo("Queued"));
        } finally {
            asAdmin().post("/runs/" + run + "/cancel");
        }
    }

    @Test
    void shouldLetAnAdminCancelReRunAndRunNow() {
        String task = DashboardFixtures.task("dash-admin");
        long run = DashboardFixtures.parkedRun(task);
        asAdmin().get("/runs/" + run).then().body(containsString("Cancel run")).body(containsString("Re-run"));
        asAdmin().get("/").then().body(containsString("id=\"cancel-" + run + "\""));

        asAdmin().post("/runs/" + run + "/cancel").then().statusCode(303).header("Location", endsWithPath("/runs/" + run));
        given().get("/api/v1/runs/" + run).then().body("status", equalTo("Canceled"));
        asAdmin().post("/runs/" + run + "/cancel").then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("has already ended as Canceled"));

        String again = asAdmin().post("/runs/" + run + "/rerun").then().statusCode(303).extract().header("Location");
        long rerun = Long.parseLong(again.substring(again.lastIndexOf('/') + 1));
        assertThat(rerun).isGreaterThan(run);
        given().get("/api/v1/runs/" + rerun).then().body("task", equalTo(task)).body("trigger", equalTo("Manual"));

        String now = asAdmin().post("/tasks/" + task + "/run").then().statusCode(303).extract().header("Location");
        assertThat(now).matches(".*/runs/\\d+");
        given().get("/api/v1/runs?task=" + task).then().body("items.size()", equalTo(3));
    }

    @Test
    void shouldCheckABaseNowFromTheBasesPage() {
        String task = DashboardFixtures.task("dash-check");
        long baseId = given().get("/api/v1/bases?size=500").then().extract().jsonPath()
                .getLong("items.find { it.reference == '" + DashboardFixtures.upstreamImage(task) + "' }.id");
        asAdmin().get("/bases").then().body(containsString("id=\"check-" + baseId + "\""));
        asReader().get("/bases").then().body(not(containsString("id=\"check-" + baseId + "\"")));
        String location = asAdmin().post("/bases/" + baseId + "/check").then().statusCode(303).extract().header("Location");
        assertThat(location).contains("/bases?checked=" + baseId).endsWith("#base-" + baseId);
        // Nothing was ever pushed to this upstream name: the check says so.
        asAdmin().get(location.substring(location.indexOf("/bases"), location.indexOf('#'))).then().statusCode(200)
                .body(containsString("Checked " + DashboardFixtures.upstreamImage(task)))
                .body(containsString("not-found"));
    }

    @Test
    void shouldRefuseAFormPostedFromAnotherSite() {
        String task = DashboardFixtures.task("dash-origin");
        asAdmin().header("Origin", "https://elsewhere.example").post("/tasks/" + task + "/run").then().statusCode(403);
        anonymous().header("Origin", "https://elsewhere.example").formParam("token", DrydockStackResource.ADMIN_TOKEN)
                .post("/login").then().statusCode(403);
        given().get("/api/v1/runs?task=" + task).then().body("items.size()", equalTo(0));
    }

    @Test
    void shouldWarnInTheAnswerAndOnTheTaskPageAboutATagABaseRebuildOverwrites() {
        String name = dev.drydock.task.TaskFixtures.unique("dash-tags");
        String moving = dev.drydock.testing.TestStack.get().privateRegistry().host() + "/apps/" + name + ":{{git.short}}";
        Map<String, Object> task = new java.util.HashMap<>(dev.drydock.task.TaskFixtures.inlineTask(name,
                DashboardFixtures.upstreamImage(name)));
        task.put("images", List.of(dev.drydock.task.TaskFixtures.privateImage(name), moving));
        dev.drydock.task.TaskFixtures.create(task).statusCode(201)
                .body("warnings[0]", containsString("images[1]"))
                .body("warnings[0]", containsString("{{git.short}}-{{run.id}}"));
        asReader().get("/tasks/" + name).then().statusCode(200)
                .body(containsString("Tags that move"))
                .body(containsString("{{git.short}}-{{run.id}}"));
    }

    @Test
    void shouldHighlightWhatAChangeOfTheSelectedBaseWouldRebuild() {
        String app = DashboardFixtures.task("dash-graph");
        String base = DashboardFixtures.upstreamImage(app);
        asReader().queryParam("base", base).get("/graph").then().statusCode(200)
                .body(containsString("A new digest of"))
                .body(containsString("class=\"node task lit\""))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*class=\"node image[^\"]* selected\".*"))
                .body(containsString("<a href=\"/tasks/" + app + "\">" + app + "</a>"));
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String pathAndQuery) {
        return org.hamcrest.Matchers.anyOf(equalTo(pathAndQuery), org.hamcrest.Matchers.endsWith(pathAndQuery));
    }
}
