package dev.drydock.cache;

import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the registry front asks before it streams a manifest GET or HEAD of a cache target from the private registry:
 * make sure the private registry holds what upstream holds now, at most one upstream HEAD per rule's
 * {@code refresh}.
 *
 * <ul>
 * <li>A tag not cached yet is imported (the pull waits for the import, then is served from the private registry).</li>
 * <li>A cached tag checked within {@code refresh} is served as it is; an older one costs one HEAD upstream: the same
 * digest is served, a new digest is imported first (the old one stays pullable by digest).</li>
 * <li>Upstream unreachable, rate-limiting or without the tag: the cached copy is served and the rule shows the
 * error; with nothing cached the pull is answered MANIFEST_UNKNOWN with the reason.</li>
 * <li>A digest the private registry does not hold is imported by digest.</li>
 * </ul>
 * One replica asks upstream once per tag at a time (a lock per tag); replicas do not coordinate, so at most one HEAD
 * per replica per refresh.
 */
@ApplicationScoped
public class PullThrough {

    /** The front's answer: serve the pull from the private registry, or refuse it with this message. */
    public record Answer(boolean serve, String message) {
        static final Answer SERVE = new Answer(true, null);

        static Answer unknown(String message) {
            return new Answer(false, message);
        }
    }

    @Inject
    CacheRules rules;

    @Inject
    CachedTags tags;

    @Inject
    CacheFill fill;

    @Inject
    TagRefresh refresh;

    @Inject
    RegistryClient registry;

    @Inject
    PrivateRegistryConfig privateRegistry;

    /**
     * Whether a request with this {@code User-Agent} comes from drydock's own registry client (an import filling the
     * cache among them): the front skips the cache for it. A client that sends it only skips the cache, never an
     * access check.
     */
    public static boolean drydocksOwn(String userAgent) {
        return RegistryClient.DEFAULT_USER_AGENT.equals(userAgent);
    }

    /** Without blocking: whether a pull of {@code repository} may need {@link #beforePull} (false: it never does). */
    public boolean mayFill(String repository) {
        return rules.mayFill(repository);
    }

    /** May block for an upstream HEAD or an import; call it off the event loop. */
    public Answer beforePull(String repository, String reference) {
        Optional<CacheRuleLookup.CachedRepository> covered = rules.forPrivate(repository);
        if (covered.isEmpty()) {
            return Answer.SERVE;
        }
        Optional<CacheRule> rule = rules.rule(covered.get().rule());
        if (rule.isEmpty()) {
            return Answer.SERVE;
        }
        String source = covered.get().upstreamRepository();
        try {
            if (reference.contains(":")) {
                return byDigest(rule.get(), source, repository, reference);
            }
            return byTag(rule.get(), source, repository, reference);
        } catch (InvalidReferenceException e) {
            return Answer.SERVE;
        }
    }

    private Answer byTag(CacheRule rule, String source, String repository, String tag) {
        TagRefresh.Refreshed refreshed = refresh.refresh(rule, source, repository, tag, TagRefresh.Purpose.PULL, false);
        return refreshed.cached() ? Answer.SERVE : Answer.unknown("not cached, and upstream failed: " + refreshed.error());
    }

    private Answer byDigest(CacheRule rule, String source, String repository, String digest) {
        ImageReference held = ImageReference.parse(privateRegistry.host() + "/" + repository + "@" + digest);
        // A digest the registry holds is served uncounted: nearly every pull by tag asks for digests next.
        if (present(held)) {
            return Answer.SERVE;
        }
        ReentrantLock lock = refresh.lock(repository, digest);
        lock.lock();
        try {
            if (present(held)) {
                return Answer.SERVE;
            }
            ImageReference up = ImageReference.parse(source + "@" + digest);
            CacheFill.Filled filled = fill.fill(rule, up, repository, null);
            if (!filled.ok()) {
                tags.failed(rule.name(), repository, null, false, filled.error());
                return Answer.unknown("not cached, and upstream failed: " + filled.error());
            }
            tags.filledDigest(rule.name());
            return Answer.SERVE;
        } finally {
            lock.unlock();
        }
    }

    private boolean present(ImageReference held) {
        try {
            return registry.headManifest(held).isPresent();
        } catch (RegistryException e) {
            return true;
        }
    }
}
