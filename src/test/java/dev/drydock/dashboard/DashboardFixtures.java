package dev.drydock.dashboard;

import static io.restassured.RestAssured.given;

import dev.drydock.dashboard.auth.SessionCookie;
import dev.drydock.task.Task;
import dev.drydock.task.TaskFixtures;
import dev.drydock.task.run.Run;
import dev.drydock.task.run.RunService;
import dev.drydock.task.run.RunStatus;
import dev.drydock.task.run.RunTrigger;
import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.TestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions, tasks and runs for the dashboard's tests. */
public final class DashboardFixtures {

    private DashboardFixtures() {}

    private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

    /** A request from a browser signed in with the admin token (no redirects followed). */
    public static RequestSpecification asAdmin() {
        return given().redirects().follow(false).cookie(SessionCookie.NAME, session(DrydockStackResource.ADMIN_TOKEN));
    }

    /** A request from a browser signed in with the read-only token. */
    static RequestSpecification asReader() {
        return given().redirects().follow(false).cookie(SessionCookie.NAME, session(DrydockStackResource.READ_TOKEN));
    }

    /** The session id of a browser that signed in with {@code token} (one sign-in per token and test JVM). */
    static String session(String token) {
        return SESSIONS.computeIfAbsent(token, DashboardFixtures::signIn);
    }

    /** Signs in through the login form; the session id the cookie then holds. */
    static String signIn(String token) {
        String id = given().redirects().follow(false).formParam("token", token).post("/login")
                .then().statusCode(303).extract().cookie(SessionCookie.NAME);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("signing in set no session cookie");
        }
        return id;
    }

    /** A request from a browser without a session. */
    static RequestSpecification anonymous() {
        return given().redirects().follow(false);
    }

    /** Registers an inline task that builds FROM an image of the upstream registry; returns its name. */
    static String task(String prefix) {
        String name = TaskFixtures.unique(prefix);
        TaskFixtures.create(TaskFixtures.inlineTask(name, upstreamImage(name))).statusCode(201);
        return name;
    }

    static String upstreamImage(String name) {
        return TestStack.get().upstreamRegistry().host() + "/bases/" + name + ":1";
    }

    /** Queues a run through the API, as a person or a script would; returns its id. */
    static long runThroughApi(String task) {
        return given().post("/api/v1/tasks/" + task + "/runs").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    /**
     * A Queued run that no worker is asked to build: it is stored without a rebuild request, so it stays in the
     * queue (for a while: workers adopt orphaned runs after minutes) whatever the build workers do meanwhile.
     * Tests end it with a cancel, which announces itself like any status change.
     */
    static long parkedRun(String task) {
        return parkedRun(task, RunTrigger.Manual, "[{\"kind\":\"manual\",\"at\":\"" + Instant.now() + "\"}]", "{}");
    }

    /** A parked run with the given trigger, causes (JSON list of Cause) and pinned digests (JSON object). */
    static long parkedRun(String task, RunTrigger trigger, String causes, String pinned) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Task t = Task.byName(task).orElseThrow();
            Instant now = Instant.now();
            Run run = new Run();
            run.taskId = t.id;
            run.taskName = t.name;
            run.trigger = trigger;
            run.status = RunStatus.Queued;
            run.cause = causes;
            run.pinned = pinned;
            run.createdAt = now;
            run.updatedAt = now;
            run.persist();
            return run.id;
        });
    }

    /** Ends a run the test queued, whatever state it reached: through {@link RunService}, announced as usual. */
    static void end(RunService runs, long runId) {
        QuarkusTransaction.requiringNew().run(() -> runs.lock(runId).filter(r -> !r.status.isFinal())
                .ifPresent(r -> runs.transition(r, RunStatus.Canceled)));
    }
}
