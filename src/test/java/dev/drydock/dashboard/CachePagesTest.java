package dev.drydock.dashboard;

import static dev.drydock.dashboard.DashboardFixtures.asReader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.dashboard.web.CacheList;
import dev.drydock.dashboard.web.Chrome;
import dev.drydock.dashboard.web.Templates;
import dev.drydock.front.RegistryFront;
import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.task.TaskFixtures;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Cache pages over HTTP: a rule with the tag a real pull through the registry front cached, its digest, its hit
 * and miss; an upstream's error shown escaped; the cached tags paged; the empty states.
 */
@QuarkusTest
class CachePagesTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    RegistryFront front;

    @Inject
    AgroalDataSource db;

    @Test
    void shouldShowTheTagARealPullCachedWithItsDigestAndTheRulesHitAndMiss() throws Exception {
        String repository = TaskFixtures.unique("dash-cache") + "/app";
        String name = TaskFixtures.unique("dash-cache");
        String upstream = TestStack.get().upstreamRegistry().host() + "/" + repository;
        TestImages.PushedImage image = TestImages.builder().randomLayer(1024).push(upstream + ":1.27");
        rule(name, upstream, "cache/" + repository);

        withAnonymousPull(() -> {
            HttpResponse<byte[]> miss = pull("cache/" + repository, "1.27");
            assertThat(miss.statusCode()).as("the first pull, imported first").isEqualTo(200);
            assertThat(Digest.sha256Of(miss.body()).toString()).isEqualTo(image.digest());
            assertThat(pull("cache/" + repository, "1.27").statusCode()).as("the second, from the cache").isEqualTo(200);
        });
        JsonPath api = given().get("/api/v1/cache-rules/" + name).then().statusCode(200).extract().jsonPath();
        assertThat(api.getLong("misses")).isEqualTo(1);
        assertThat(api.getLong("hits")).isEqualTo(1);

        String list = asReader().get(listPageOf(name)).then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("<h1>Cache</h1>")).body(containsString("aria-current=\"page\">Cache"))
                .extract().asString();
        String row = element(list, "tr", "rule-" + name);
        assertThat(row).as(list).contains("href=\"/cache/" + name + "\"").contains(upstream).contains("cache/" + repository)
                .contains("<span title=\"PT5M\">5 min</span>")
                .contains("<td data-label=\"Hits\">1</td>").contains("<td data-label=\"Misses\">1</td>")
                .contains("<td data-label=\"Hit ratio\">50%</td>")
                .containsPattern("data-label=\"Last upstream check\"><time datetime=\"[^\"]+\" title=\"[^\"]+ UTC\" data-ago>")
                .contains("<span class=\"muted\">none</span>");

        String page = asReader().get("/cache/" + name).then().statusCode(200).body(containsString("<h1>" + name + "</h1>"))
                .extract().asString();
        assertThat(page).contains("<code>1.27</code>").contains("cache/" + repository)
                .contains("<code class=\"digest\" title=\"" + image.digest() + "\">" + image.digest().substring(0, 15) + "…</code>")
                .contains("(1, newest import first)").contains("none: tags are cached when pulled")
                .doesNotContain("Last upstream error");
        asReader().get("/cache/" + name + "?part=summary").then().statusCode(200).body(not(containsString("<html")))
                .body(containsString("<dd>50%</dd>"));
    }

    @Test
    void shouldEscapeTheErrorAnUpstreamRegistryAnswered() throws Exception {
        String script = "<script>alert('cached')</script>";
        String repository = TaskFixtures.unique("dash-hostile") + "/app";
        String name = TaskFixtures.unique("dash-hostile");
        try (HostileUpstream upstream = HostileUpstream.start(script)) {
            rule(name, upstream.host() + "/" + repository, "cache/" + repository);
            withAnonymousPull(() -> assertThat(pull("cache/" + repository, "1").statusCode())
                    .as("nothing cached and the import failed").isEqualTo(404));
        }
        assertThat(given().get("/api/v1/cache-rules/" + name).then().extract().jsonPath().getString("lastError"))
                .as("the upstream's own words reached the rule").contains(script);

        String list = asReader().get(listPageOf(name)).then().statusCode(200).extract().asString();
        String row = element(list, "tr", "rule-" + name);
        assertThat(row).contains("class=\"error-text small\">").contains("&lt;script&gt;alert(")
                .containsPattern("<td data-label=\"Last error\">.*<time datetime=");
        assertThat(list).doesNotContain("<script>alert");
        String page = asReader().get("/cache/" + name).then().statusCode(200).extract().asString();
        assertThat(page).contains("Last upstream error").contains("&lt;script&gt;alert(").doesNotContain("<script>alert")
                .contains("Nothing cached yet");
    }

    @Test
    void shouldPageARulesCachedTagsNewestFirst() throws Exception {
        String name = TaskFixtures.unique("dash-paged");
        String repository = "cache/" + name;
        rule(name, TestStack.get().upstreamRegistry().host() + "/" + name, repository);
        // 60 tags straight into the cache's table: t00 imported last.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO cache_tag "
                + "(repository, tag, rule, digest, checked_at, imported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 60; i++) {
                s.setString(1, repository);
                s.setString(2, String.format("t%02d", i));
                s.setString(3, name);
                s.setString(4, "sha256:" + String.format("%064x", i));
                s.setTimestamp(5, Timestamp.from(now));
                s.setTimestamp(6, Timestamp.from(now.minusSeconds(60L * i)));
                s.addBatch();
            }
            s.executeBatch();
        }

        String first = asReader().get("/cache/" + name).then().statusCode(200).extract().asString();
        assertThat(tags(first)).hasSize(50).startsWith("t00", "t01").endsWith("t49");
        assertThat(first).contains("(60, newest import first)").contains("href=\"/cache/" + name + "?page=1\" rel=\"next\"")
                .doesNotContain("rel=\"prev\"");
        String second = asReader().get("/cache/" + name + "?page=1").then().statusCode(200).extract().asString();
        assertThat(tags(second)).hasSize(10).startsWith("t50").endsWith("t59");
        assertThat(second).contains("href=\"/cache/" + name + "?page=0\" rel=\"prev\"").doesNotContain("rel=\"next\"");
        asReader().get("/cache/" + name + "?page=999999999").then().statusCode(200)
                .body(containsString("No cached tag on this page."));
    }

    @Test
    void shouldSaySoWhenThereIsNoRuleAndWhenAPageIsPastTheLast() {
        String empty = Templates.cache(new Chrome("Cache", List.of(), true, false, "read-only"),
                new CacheList(List.of(), 0, 0, null, null)).render();
        assertThat(empty).contains("No cache rule yet. Create one with <code>POST /api/v1/cache-rules</code>")
                .doesNotContain("<table");
        asReader().get("/cache?page=999999999").then().statusCode(200).body(containsString("No cache rule on this page."));
        assertThat(asReader().get("/cache?page=many").then().extract().statusCode()).isBetween(400, 499);
    }

    @Test
    void shouldAnswerAnUnknownRuleWithAPageThatSaysSo() {
        asReader().get("/cache/no-such-rule").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("no-such-rule")).body(containsString("does not exist"));
        asReader().urlEncodingEnabled(false).get("/cache/%3Cb%3Ebold").then().statusCode(404).body(containsString("&lt;b&gt;bold"))
                .body(not(containsString("<b>bold")));
    }

    static void rule(String name, String source, String target) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"source\":\"" + source + "\",\"target\":\""
                + target + "\",\"refresh\":\"PT5M\"}").post("/api/v1/cache-rules").then().statusCode(201);
    }

    /** The page of {@code /cache} that lists {@code rule}: rules are listed by name, and other tests' rules are there too. */
    static String listPageOf(String rule) {
        List<String> names = given().get("/api/v1/cache-rules?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.name", String.class);
        assertThat(names).contains(rule);
        return "/cache?page=" + names.indexOf(rule) / 50;
    }

    /** A manifest GET of {@code repository:tag} through the registry front, anonymously, as a pulling client sends it. */
    HttpResponse<byte[]> pull(String repository, String tag) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/v2/" + repository
                + "/manifests/" + tag)).header("Accept", String.join(", ", MediaTypes.ALL_MANIFESTS)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    interface Pulls {
        void run() throws Exception;
    }

    /** Anonymous pull is on while {@code pulls} run, then as it was. */
    static void withAnonymousPull(Pulls pulls) throws Exception {
        boolean was = given().get("/api/v1/registry").then().statusCode(200).extract().jsonPath()
                .getBoolean("anonymousPullEnabled");
        anonymousPull(true);
        try {
            pulls.run();
        } finally {
            anonymousPull(was);
        }
    }

    static void anonymousPull(boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"anonymousPullEnabled\":" + enabled + "}").patch("/api/v1/registry")
                .then().statusCode(200);
    }

    /** The element {@code <tag id="id" …>…</tag>} of a page (tests share the list with other tests' rules). */
    static String element(String html, String tag, String id) {
        Matcher m = Pattern.compile("<" + tag + " id=\"" + Pattern.quote(id) + "\".*?</" + tag + ">", Pattern.DOTALL)
                .matcher(html);
        return m.find() ? m.group() : "";
    }

    /** The cached tags a rule's page lists, in order. */
    static List<String> tags(String html) {
        return Pattern.compile("<th scope=\"row\" data-label=\"Tag\"><code>([^<]+)</code>").matcher(html).results()
                .map(r -> r.group(1)).toList();
    }

    /**
     * An upstream registry that knows every tag by HEAD and refuses to serve it: a manifest GET is answered 400 with
     * a distribution error whose message is {@code message}, as a registry's own words reach the rule's last error.
     */
    static final class HostileUpstream implements AutoCloseable {

        private final HttpServer server;

        private HostileUpstream(String message) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] error = ("{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"" + message.replace("\"", "\\\"")
                    + "\"}]}").getBytes(StandardCharsets.UTF_8);
            server.createContext("/v2/", exchange -> answer(exchange, error));
            server.start();
        }

        static HostileUpstream start(String message) throws IOException {
            return new HostileUpstream(message);
        }

        String host() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        private static void answer(HttpExchange exchange, byte[] error) throws IOException {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                exchange.sendResponseHeaders(200, -1);
            } else if (path.contains("/manifests/") && exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "a".repeat(64));
                exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
                exchange.getResponseHeaders().add("Content-Length", "512");
                exchange.sendResponseHeaders(200, -1);
            } else if (path.contains("/manifests/")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
