package dev.drydock.front;

import dev.drydock.access.RegistryCaller;
import dev.drydock.cache.PullThrough;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The pull-through cache's step before a manifest GET or HEAD is streamed: when a cache rule fills the repository,
 * {@link PullThrough#beforePull} (off the event loop) makes the private registry hold what upstream holds, then the
 * pull is streamed as any other; a miss that upstream cannot fill is answered MANIFEST_UNKNOWN with the reason.
 * drydock's own requests skip it: the service identity's, and those of drydock's registry client, which the import
 * filling the cache sends, anonymously while anonymous pull is on (it would otherwise wait for its own fill).
 */
final class CacheStep {

    private static final Logger LOG = Logger.getLogger(CacheStep.class);
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

    private final Vertx vertx;
    private final PullThrough cache;

    CacheStep(Vertx vertx, PullThrough cache) {
        this.vertx = vertx;
        this.cache = cache;
    }

    /** Runs {@code then} at once, or after the cache filled the manifest; answers the refusal itself. */
    void before(HttpServerRequest in, RegistryRoute route, RegistryCaller caller, Runnable then) {
        String method = in.method().name();
        Matcher manifest = route.kind() == RegistryRoute.Kind.REPOSITORY && caller.kind() != RegistryCaller.Kind.SERVICE
                && !PullThrough.drydocksOwn(in.getHeader(HttpHeaders.USER_AGENT))
                && (method.equals("GET") || method.equals("HEAD")) ? MANIFEST.matcher(in.path()) : null;
        if (manifest == null || !manifest.matches() || !cache.mayFill(route.repository())) {
            then.run();
            return;
        }
        String reference = manifest.group(2);
        vertx.executeBlocking(() -> cache.beforePull(route.repository(), reference), false).onComplete(done -> {
            if (done.failed()) {
                LOG.warnf(done.cause(), "pull-through of %s:%s failed; serving what the registry holds",
                        route.repository(), reference);
                then.run();
            } else if (done.result().serve()) {
                then.run();
            } else {
                RegistryFront.answerRefusal(in, 404, "MANIFEST_UNKNOWN", "manifest " + route.repository()
                        + (reference.contains(":") ? "@" : ":") + reference + " unknown: " + done.result().message());
            }
        });
    }
}
