package dev.drydock.graph.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BuildFileResourceTest {

    private static final String PATH = "/api/v1/buildfiles/analyze";

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private static final String MULTI_STAGE = """
            ARG JAVA_VERSION=21
            FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
            RUN mvn -B package
            FROM eclipse-temurin:${JAVA_VERSION}-jre@%s
            COPY --from=build /src/target/app.jar /app.jar
            """.formatted(DIGEST);

    @Test
    void shouldAnalyseADockerfileWithItsDependencies() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile", "content", MULTI_STAGE, "args", Map.of("JAVA_VERSION", "17"),
                        "platform", "linux/arm64"))
                .post(PATH)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("kind", equalTo("Dockerfile"))
                .body("stages.name", contains("build", null))
                .body("stages[1].baseStage", nullValue())
                .body("dependencies", hasSize(2))
                .body("dependencies[0].reference", equalTo("docker.io/library/maven:3.9-eclipse-temurin-17"))
                .body("dependencies[0].stage", equalTo(0))
                .body("dependencies[0].runtime", equalTo(false))
                .body("dependencies[0].platform", equalTo("linux/arm64"))
                .body("dependencies[1].reference", equalTo("docker.io/library/eclipse-temurin:17-jre@" + DIGEST))
                .body("dependencies[1].runtime", equalTo(true))
                .body("dependencies[1].pinned", equalTo(true))
                .body("buildable", equalTo(true))
                .body("engine", equalTo("buildah"))
                .body("reason", startsWith("line 5: COPY --from=build copies from another stage"))
                .body("problems[0].line", equalTo(5))
                .body("problems[0].instruction", equalTo("COPY"))
                .body("problems[0].jibOnly", equalTo(true))
                .body("recipe", nullValue());
    }

    @Test
    void shouldShowTheRecipeOfABuildableDockerfile() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "dockerfile", "content", """
                        FROM eclipse-temurin:21-jre
                        WORKDIR /app
                        COPY target/app.jar .
                        ENTRYPOINT ["java", "-jar", "app.jar"]
                        """))
                .post(PATH)
                .then().statusCode(200)
                .body("buildable", equalTo(true))
                .body("problems", hasSize(0))
                .body("dependencies[0].platform", equalTo("linux/amd64"))
                .body("recipe.base", equalTo("docker.io/library/eclipse-temurin:21-jre"))
                .body("recipe.workingDirectory", equalTo("/app"))
                .body("recipe.entrypoint", contains("java", "-jar", "app.jar"))
                .body("recipe.layers[0].files[0].dest", equalTo("/app/"));
    }

    @Test
    void shouldAnalyseAJibYamlNamingThePathOfEachProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "jib.yaml", "content", """
                        apiVersion: jib/v1alpha1
                        kind: BuildFile
                        from:
                          image: gcr.io/distroless/java21-debian12
                        workingDirectory: app
                        """))
                .post(PATH)
                .then().statusCode(200)
                .body("kind", equalTo("jib.yaml"))
                .body("dependencies[0].reference", equalTo("gcr.io/distroless/java21-debian12:latest"))
                .body("dependencies[0].runtime", equalTo(true))
                .body("buildable", equalTo(false))
                .body("problems[0].path", equalTo("workingDirectory"))
                .body("problems[0].line", equalTo(5));
    }

    @Test
    void shouldReportBrokenDockerfileSyntaxAsProblemJsonNamingTheLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile", "content", "FROM alpine:3.20\nRUN echo hi\nCOPPY a /a\n"))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid build file"))
                .body("field", equalTo("content"))
                .body("detail", equalTo("Dockerfile line 3: unknown instruction (did you mean COPY?)"));
    }

    @Test
    void shouldRefuseADockerfileWhoseArgumentsDoublePerLineNamingTheLine() {
        StringBuilder bomb = new StringBuilder("ARG A0=x\n");
        for (int i = 1; i <= 64; i++) {
            bomb.append("ARG A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        bomb.append("FROM alpine:${A64}\n");

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile", "content", bomb.toString()))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("content"))
                .body("detail", equalTo("Dockerfile line 18: a value expands to more than 65536 characters"));
    }

    @Test
    void shouldReportAnUnterminatedHeredocAtItsLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile", "content", "FROM alpine:3.20\n\nRUN <<EOF\necho hi\n"))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("line 3: unterminated heredoc"));
    }

    @Test
    void shouldReportBrokenYamlAsProblemJsonNamingTheLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "jib.yaml", "content", "apiVersion: jib/v1alpha1\nkind: [BuildFile\n"))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("content"))
                .body("detail", startsWith("jib.yaml line "))
                .body("detail", containsString("not valid YAML"));
    }

    @Test
    void shouldRejectAnUnknownKind() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Containerfile.yaml", "content", "FROM alpine\n"))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("kind"))
                .body("detail", containsString("Dockerfile or jib.yaml"));
    }

    @Test
    void shouldRequireAKind() {
        given().contentType(ContentType.JSON)
                .body(Map.of("content", "FROM alpine\n"))
                .post(PATH)
                .then().statusCode(400)
                .body("field", equalTo("kind"));
    }

    @Test
    void shouldRequireContent() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile"))
                .post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("content"))
                .body("detail", containsString("content is required"));
    }

    @Test
    void shouldRejectAnInvalidPlatform() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "Dockerfile", "content", "FROM alpine\n", "platform", "arm64"))
                .post(PATH)
                .then().statusCode(400)
                .body("field", equalTo("platform"));
    }
}
