package dev.drydock.front;

import dev.drydock.access.RegistryAccess;
import dev.drydock.access.RegistryCaller;
import dev.drydock.cache.PullThrough;
import dev.drydock.roles.Role;
import dev.drydock.roles.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The registry front's HTTP server, on its own port ({@code drydock.front.port}): every request is decided by the
 * {@link Gate} — on the event loop when the access snapshot and the caller are in memory, which is nearly always,
 * off it when deciding reads the database or checks a new token's signature — then refused, throttled, or streamed to the backend (Distribution) or, for
 * {@code /service/token}, to the token service on drydock's own HTTP port.
 */
@ApplicationScoped
public class RegistryFront {

    private static final Logger LOG = Logger.getLogger(RegistryFront.class);

    @Inject
    Vertx vertx;

    @Inject
    FrontConfig config;

    @Inject
    RegistryAccess access;

    @Inject
    MeterRegistry registry;

    @Inject
    Roles roles;

    @Inject
    io.quarkus.vertx.http.HttpServer drydockHttp;

    @Inject
    PullThrough pullThrough;

    /**
     * The largest piece of a streamed body handed on at once. Vert.x's default (8 KiB) cuts every socket read into
     * pieces that are each written and flushed to the other side: a pull then costs eight times the writes.
     */
    static final int CHUNK_BYTES = 1024 * 1024;

    private volatile HttpServer server;
    private String deployment;
    private Gate gate;
    private HttpClientOptions clientOptions;
    private CatalogFilter catalog;
    private FrontMeters meters;
    private URI backend;
    private LocationRewrite rewrite;
    private ClientAddress clients;
    private CacheStep cacheStep;

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled() || !roles.has(Role.REGISTRY_FRONT)) {
            LOG.infof("no registry front on this replica (drydock.front.enabled=%s, drydock.roles=%s)",
                    config.enabled(), roles.names());
            return;
        }
        backend = URI.create(config.backend());
        rewrite = LocationRewrite.of(backend);
        clients = new ClientAddress(config.trustedProxies().orElse(List.of()));
        gate = new Gate(access, new Throttle(config.anonymous(), config.maxBuckets(), System::nanoTime),
                new Throttle(config.token(), config.maxBuckets(), System::nanoTime));
        meters = new FrontMeters(registry, config.meteredRepositories());
        catalog = new CatalogFilter(access);
        cacheStep = new CacheStep(vertx, pullThrough);
        clientOptions = new HttpClientOptions().setKeepAlive(true).setDecompressionSupported(false)
                .setTryUseCompression(false).setConnectTimeout(5_000).setMaxChunkSize(CHUNK_BYTES)
                .setReceiveBufferSize(CHUNK_BYTES);
        // Reads from the backend of up to 1 MiB (a fixed read buffer of that size, pooled: Netty's chunks are 4 MiB,
        // quarkus.netty.allocator-max-order), not Netty's adaptive 64 KiB at most: a blob then moves in a few
        // large steps, each waking the client and the backend once, instead of 16 small ones.
        // One server per event loop on the shared port: a server made outside a verticle would serve every
        // connection on one event loop, one core. (Port 0 picks a port per server, so it gets one.)
        int instances = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setCompressionSupported(false).setHandle100ContinueAutomatically(true)
                .setSendBufferSize(1024 * 1024).setMaxChunkSize(CHUNK_BYTES).setIdleTimeout((int) config.idleTimeout().toSeconds());
        deployment = vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                BackendProxy proxy = backendProxy();
                vertx.createHttpServer(options).requestHandler(in -> handle(in, proxy)).listen()
                        .onSuccess(listening -> {
                            server = listening;
                            started.complete();
                        }).onFailure(started::fail);
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("registry front on %s:%d in front of %s", config.host(), server.actualPort(), backend);
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (deployment != null) {
            vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The port the front listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /**
     * A backend client of the calling verticle's own: its connections live on that verticle's event loop, the one
     * its client connections are served on. With one client shared by all event loops, a pooled backend connection
     * is often on another loop, and every piece of a blob then crosses threads twice (read there, written here,
     * then the next read asked for there): pulls ran at a third of Distribution's speed.
     */
    private BackendProxy backendProxy() {
        return new BackendProxy(vertx.createHttpClient(clientOptions,
                new PoolOptions().setHttp1MaxSize(config.maxConnections())), config.idleTimeout());
    }

    private void handle(HttpServerRequest in, BackendProxy proxy) {
        in.pause();
        RegistryRoute route = RegistryRoute.of(in.method().name(), in.path(), in.query());
        String authorization = in.getHeader(HttpHeaders.AUTHORIZATION);
        String address = clients.of(in.remoteAddress().hostAddress(), in.getHeader("X-Forwarded-For"));
        Optional<RegistryAccess> inMemory = access.inMemory(authorization);
        if (inMemory.isPresent()) {
            act(in, proxy, route, gate.decide(inMemory.get(), route, authorization, address));
            return;
        }
        vertx.executeBlocking(() -> gate.decide(route, authorization, address), false).onComplete(decided -> {
            if (decided.failed()) {
                LOG.warnf(decided.cause(), "could not decide %s %s", in.method(), in.path());
                answerRefusal(in, 503, "UNAVAILABLE", "the registry's access checks are unavailable; try again");
                meters.request(FrontMeters.Outcome.FAILED, RegistryCaller.Kind.ANONYMOUS);
                return;
            }
            act(in, proxy, route, decided.result());
        });
    }

    private void act(HttpServerRequest in, BackendProxy proxy, RegistryRoute route, Verdict verdict) {
        if (verdict instanceof Verdict.Throttled throttled) {
            meters.request(FrontMeters.Outcome.THROTTLED, throttled.kind());
            in.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            answerRefusal(in, 429, "TOOMANYREQUESTS",
                    "too many requests from this client; retry after " + throttled.retryAfterSeconds() + " s");
        } else if (verdict instanceof Verdict.Refused refused) {
            meters.request(refused.outcome(), refused.kind());
            if (refused.challenge() != null) {
                in.response().putHeader("WWW-Authenticate", refused.challenge());
            }
            answerRefusal(in, refused.status(), refused.code(), refused.message());
        } else if (verdict instanceof Verdict.Forward forward) {
            cacheStep.before(in, route, forward.caller(), () -> forward(in, proxy, route, forward.caller()));
        }
    }

    private void forward(HttpServerRequest in, BackendProxy proxy, RegistryRoute route, RegistryCaller caller) {
        if (route.kind() == RegistryRoute.Kind.CATALOG) {
            new CatalogForward(vertx, proxy, catalog, rewrite, meters).forward(in, backend, caller);
            return;
        }
        URI target = route.kind() == RegistryRoute.Kind.TOKEN ? tokenService() : backend;
        boolean pull = RegistryRoute.isPull(in.method().name(), in.path());
        proxy.stream(in, target, rewrite, answer -> {
            meters.request(FrontMeters.Outcome.FORWARDED, caller.kind());
            if (pull && answer.statusCode() == 200) {
                meters.pull(route.repository());
            }
        }, error -> {
            meters.request(FrontMeters.Outcome.FAILED, caller.kind());
            LOG.debugf("%s unreachable for %s %s: %s", target, in.method(), in.path(), error.getMessage());
            answerRefusal(in, 503, "UNAVAILABLE", "the registry backend is unavailable; try again");
        });
    }

    private URI tokenService() {
        return URI.create(config.tokenService().orElseGet(() -> "http://127.0.0.1:" + drydockHttp.getPort()));
    }

    /**
     * Answers without the backend. A refused request's body is never read: when it has one, the connection is
     * closed after the answer instead of draining an upload nobody wants.
     */
    static void answerRefusal(HttpServerRequest in, int status, String code, String message) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        String encoding = in.getHeader(HttpHeaders.TRANSFER_ENCODING);
        boolean body = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")
                || length != null && !length.equals("0");
        if (body) {
            in.response().putHeader(HttpHeaders.CONNECTION, "close");
            in.response().endHandler(done -> in.connection().close());
        } else {
            in.resume();
        }
        if (in.method().name().equals("HEAD")) {
            in.response().setStatusCode(status).putHeader("Docker-Distribution-API-Version", "registry/2.0").end();
            return;
        }
        RegistryErrors.send(in.response(), status, code, message);
    }
}
