package dev.drydock.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.drydock.registry.CredentialLookup;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CredentialResourceTest {

    private static final String PATH = "/api/v1/credentials";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CredentialLookup credentials;

    private static String uniqueName() {
        return "cred-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String uniqueRegistry() {
        return "registry-" + UUID.randomUUID().toString().substring(0, 8) + ".example:5000";
    }

    private static Map<String, String> body(String name, String registry, String username, String password) {
        return Map.of("name", name, "registry", registry, "username", username, "password", password);
    }

    @Test
    void shouldCreateACredentialAndNeverShowItsPassword() {
        String name = uniqueName();
        String registry = uniqueRegistry();

        String created = given().contentType(ContentType.JSON).body(body(name, registry, "bob", "s3cret-Hunter2"))
                .when().post(PATH)
                .then().statusCode(201)
                .header("Location", endsWith(PATH + "/" + name))
                .body("name", equalTo(name))
                .body("registry", equalTo(registry))
                .body("username", equalTo("bob"))
                .body("created", notNullValue())
                .body("password", nullValue())
                .extract().asString();
        assertThat(created).doesNotContain("s3cret-Hunter2");

        String one = given().when().get(PATH + "/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("username", equalTo("bob")).extract().asString();
        String list = given().when().get(PATH).then().statusCode(200)
                .body("items.name", hasItem(name)).extract().asString();
        assertThat(one).doesNotContain("s3cret-Hunter2").doesNotContain("password");
        assertThat(list).doesNotContain("s3cret-Hunter2").doesNotContain("password");
    }

    @Test
    void shouldStoreThePasswordEncryptedAndHandItOnlyToTheRegistryItIsFor() throws Exception {
        String password = "dckr_pat_" + UUID.randomUUID();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler everything = capture(logged);
        Logger root = Logger.getLogger("");
        root.addHandler(everything);
        // The registry accepts this user with this password and nothing else.
        try (LocalRegistry registry = LocalRegistry.start(RegistryOptions.htpasswd("bob", password))) {
            String reference = registry.host() + "/private/base:1";
            String digest = TestImages.builder().credentials("bob", password).push(reference).digest();
            List<String> answers = new ArrayList<>();
            String tracked = given().contentType(ContentType.JSON)
                    .body(Map.of("reference", reference, "intervalSeconds", 3600))
                    .post("/api/v1/bases").then().statusCode(201).extract().asString();
            long baseId = JsonPath.from(tracked).getLong("id");
            // Before the credential set exists the registry refuses drydock ...
            answers.add(given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200)
                    .body("status", equalTo("unauthorized")).extract().asString());

            String name = uniqueName();
            answers.add(given().contentType(ContentType.JSON).body(body(name, registry.host(), "bob", password))
                    .when().post(PATH).then().statusCode(201).extract().asString());

            // ... and with it the same check succeeds: drydock sent the stored password to this registry.
            answers.add(given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200)
                    .body("status", equalTo("ok")).body("digest", equalTo(digest)).extract().asString());
            answers.add(given().get(PATH + "/" + name).then().statusCode(200).extract().asString());
            answers.add(given().get(PATH).then().statusCode(200).extract().asString());
            answers.add(given().get("/api/v1/bases/" + baseId).then().statusCode(200).extract().asString());

            assertThat(answers).noneMatch(a -> a.contains(password));
            assertThat(stored(name)).startsWith("v1:").doesNotContain(password);
            assertThat(credentials.forRegistry(uniqueRegistry())).isEmpty();
            given().delete("/api/v1/bases/" + baseId).then().statusCode(204);
        } finally {
            root.removeHandler(everything);
        }
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(password));
    }

    private String stored(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select password_encrypted from registry_credential where name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** Every log record of the application, formatted as it would be written. */
    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    @Test
    void shouldRefuseADuplicateNameWithConflict() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(body(name, "ghcr.io", "a", "b")).when().post(PATH)
                .then().statusCode(201);

        given().contentType(ContentType.JSON).body(body(name, "quay.io", "c", "d")).when().post(PATH)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "name|Not A Name|ghcr.io|bob|pw",
        "name|''|ghcr.io|bob|pw",
        "registry|good-name|not a host|bob|pw",
        "registry|good-name|myhost|bob|pw",
        "registry|good-name|''|bob|pw",
        "username|good-name|ghcr.io|''|pw",
        "username|good-name|ghcr.io|bo:b|pw",
        "password|good-name|ghcr.io|bob|''",
    })
    void shouldRejectAnInvalidFieldWithAProblemNamingIt(String field, String name, String registry, String username,
            String password) {
        given().contentType(ContentType.JSON).body(body(name, registry, username, password))
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", notNullValue())
                .body("detail", not(containsString("pw")));
    }

    @Test
    void shouldRejectAMissingFieldWithAProblemNamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("name", uniqueName(), "registry", "ghcr.io", "username", "bob"))
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("password"));
    }

    @Test
    void shouldNormaliseDockerHubAliases() {
        String name = uniqueName();
        given().contentType(ContentType.JSON).body(body(name, "index.docker.io", "bob", "pw")).when().post(PATH)
                .then().statusCode(201).body("registry", equalTo("docker.io"));
        given().when().delete(PATH + "/" + name).then().statusCode(204);
    }

    @Test
    void shouldDeleteACredentialAndThenNotFindIt() {
        String name = uniqueName();
        String registry = uniqueRegistry();
        given().contentType(ContentType.JSON).body(body(name, registry, "bob", "pw")).when().post(PATH)
                .then().statusCode(201);
        assertThat(credentials.forRegistry(registry)).isPresent();

        given().when().delete(PATH + "/" + name).then().statusCode(204);

        given().when().get(PATH + "/" + name).then().statusCode(404).contentType("application/problem+json");
        given().when().delete(PATH + "/" + name).then().statusCode(404).contentType("application/problem+json");
        given().when().get(PATH).then().statusCode(200).body("name", not(hasItem(name)));
        assertThat(credentials.forRegistry(registry)).as("the lookup cache is cleared on delete").isEmpty();
    }

    @Test
    void shouldNotFindAnUnknownCredential() {
        given().when().get(PATH + "/no-such-credential").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-credential"));
    }
}
