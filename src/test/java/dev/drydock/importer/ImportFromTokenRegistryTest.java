package dev.drydock.importer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import dev.drydock.testing.TestImages.PushedImage;
import dev.drydock.testing.TestStack;
import dev.drydock.testing.TokenIssuer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports from an upstream Distribution with token auth, as Docker Hub has: a Docker Hub style access token as the
 * password, which drydock keeps encrypted and never shows; a re-import of content the target already holds costs
 * one request to the upstream registry, counted in its access log.
 */
@QuarkusTest
class ImportFromTokenRegistryTest {

    static final String USER = "importer";
    static final String TOKEN = "dckr_pat_import-test-token";

    static TokenIssuer issuer;
    static LocalRegistry upstream;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory(TestStack.workDir(), "import-issuer-");
        issuer = TokenIssuer.start(dir, Map.of(USER, TOKEN));
        upstream = LocalRegistry.start(RegistryOptions.token(issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER,
                issuer.certificate()));
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void shouldReimportAPresentImageWithOneSourceRequest() throws Exception {
        PushedImage image = TestImages.builder().randomLayer(8192).push(upstream.host() + "/reimport/app:1");
        Map<String, Object> body = Map.of("source", image.reference(), "username", USER, "password", TOKEN);
        assertThat(Imports.awaitEnd(Imports.start(body)).getString("status")).isEqualTo("Succeeded");
        int before = requestsFor("reimport/app");

        JsonPath again = given().contentType("application/json").body(body).post("/api/v1/imports")
                .then().statusCode(202).extract().jsonPath();

        assertThat(again.getString("status")).as("ended in the request, no worker").isEqualTo("Succeeded");
        assertThat(again.getInt("attempt")).isZero();
        assertThat(again.getString("targetDigest")).isEqualTo(image.digest());
        assertThat(again.getString("sourceDigest")).isEqualTo(image.digest());
        assertThat(again.getInt("progress.blobsTotal")).isZero();
        assertThat(given().get("/api/v1/imports/" + again.getLong("id")).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("Succeeded");
        List<String> lines = linesFor("reimport/app");
        assertThat(lines.subList(before, lines.size())).singleElement().asString()
                .contains("\"HEAD /v2/reimport/app/manifests/1 HTTP/1.1\" 200");
    }

    @Test
    void shouldKeepTheTokenEncryptedAndNeverShowIt() throws Exception {
        PushedImage image = TestImages.push(upstream.host() + "/secret/app:1");
        String created = given().contentType("application/json")
                .body(Map.of("source", image.reference(), "username", USER, "password", TOKEN))
                .post("/api/v1/imports").then().statusCode(202).extract().asString();
        long id = JsonPath.from(created).getLong("id");
        String stored = row(id);
        JsonPath job = Imports.awaitEnd(id);

        assertThat(job.getString("status")).isEqualTo("Succeeded");
        assertThat(created).doesNotContain(TOKEN).doesNotContain("password");
        assertThat(given().get("/api/v1/imports/" + id).asString()).doesNotContain(TOKEN);
        assertThat(stored).doesNotContain(TOKEN);
        assertThat(row(id)).doesNotContain(TOKEN).doesNotContain("v1:");
    }

    @Test
    void shouldFailWithTheRegistrysAnswerWhenTheTokenIsWrong() {
        PushedImage image = TestImages.push(upstream.host() + "/wrong/app:1");

        JsonPath job = Imports.awaitEnd(Imports.start(Map.of("source", image.reference(), "username", USER,
                "password", "not-the-token")));

        assertThat(job.getString("status")).isEqualTo("Failed");
        assertThat(job.getString("error")).doesNotContain("not-the-token");
    }

    @Test
    void shouldImportWithACredentialSetAndUseTheNewSecretOnceTheSetIsCreatedAgain() {
        PushedImage image = TestImages.push(upstream.host() + "/with-set/app:1");
        String set = "import-set-" + Long.toHexString(System.nanoTime());
        credentialSet(set, TOKEN);
        Map<String, Object> body = Map.of("source", image.reference(), "targets", List.of("with-set/app:1"),
                "credentialSet", set, "force", true);
        assertThat(Imports.awaitEnd(Imports.start(body)).getString("status")).isEqualTo("Succeeded");

        // The same name, another secret: the client kept for the first set must not be used again.
        given().delete("/api/v1/credentials/" + set).then().statusCode(204);
        credentialSet(set, "not-the-token");
        JsonPath refused = Imports.awaitEnd(Imports.start(Map.of("source", image.reference(),
                "targets", List.of("with-set/copy:1"), "credentialSet", set)));

        assertThat(refused.getString("status")).isEqualTo("Failed");
        assertThat(refused.getString("error")).doesNotContain("not-the-token").doesNotContain(TOKEN);
    }

    private static void credentialSet(String name, String secret) {
        given().contentType("application/json").body(Map.of("name", name, "registry", upstream.host(), "username", USER,
                "password", secret)).post("/api/v1/credentials").then().statusCode(201);
    }

    private String row(long id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select row_to_json(j)::text from import_job j where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static int requestsFor(String repository) throws IOException {
        return linesFor(repository).size();
    }

    private static List<String> linesFor(String repository) throws IOException {
        return Files.readAllLines(upstream.log()).stream().filter(l -> l.contains(" /v2/" + repository + "/")).toList();
    }
}
