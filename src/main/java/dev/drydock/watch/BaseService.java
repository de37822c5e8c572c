package dev.drydock.watch;

import dev.drydock.graph.DependencyGraph;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.Credential;
import dev.drydock.registry.credential.CredentialService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which bases are watched: explicitly through the API, or implicitly because a task builds FROM them. */
@ApplicationScoped
public class BaseService {

    @Inject
    WatchConfig config;

    @Inject
    CredentialService credentials;

    @Inject
    DependencyGraph graph;

    private static final int MAX_NAMED_TASKS = 20;

    /** What the caller asked to track, validated. */
    public record TrackRequest(String reference, Integer intervalSeconds, String credentials, String platform) {}

    /** The base and whether this call created it (false: it was tracked already). */
    public record Tracked(TrackedBase base, boolean created) {}

    @Transactional
    public Tracked track(TrackRequest request, boolean explicit) {
        ImageReference ref = parseReference(request.reference());
        String platform = parsePlatform(request.platform());
        int interval = intervalOf(request.intervalSeconds());
        String credentialName = checkCredentials(request.credentials(), ref);
        String reference = ref.toString();
        // Two tasks FROM a new base registered at once: the second waits here for the first's commit and then
        // finds its row, instead of failing on the unique key.
        TrackedBase.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "base:" + reference + "|" + platform).getSingleResult();
        Optional<TrackedBase> existing = TrackedBase.byReference(reference, platform);
        if (existing.isPresent()) {
            TrackedBase base = existing.get();
            if (explicit && !base.trackedExplicitly) {
                base.trackedExplicitly = true;
            }
            return new Tracked(base, false);
        }
        TrackedBase base = new TrackedBase();
        base.reference = reference;
        base.registry = ref.registry();
        base.platform = platform;
        base.intervalSeconds = interval;
        base.credentials = credentialName;
        base.trackedExplicitly = explicit;
        base.createdAt = Instant.now();
        // The first check comes at once: the base's digest is the baseline later changes are measured from.
        base.nextCheckAt = base.createdAt;
        base.persist();
        return new Tracked(base, true);
    }

    public Optional<TrackedBase> find(long id) {
        return TrackedBase.findByIdOptional(id);
    }

    public TrackedBase get(long id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("base", id));
    }

    public List<TrackedBase> list(Optional<BaseStatus> status, int page, int size) {
        Sort sort = Sort.by("id");
        return (status.isPresent() ? TrackedBase.<TrackedBase>find("status", sort, status.get().wire())
                : TrackedBase.<TrackedBase>findAll(sort)).page(Page.of(page, size)).list();
    }

    /** A page of the bases whose reference contains {@code text} (any case), with the status when given. */
    public List<TrackedBase> search(Optional<BaseStatus> status, String text, int page, int size) {
        return searchQuery(status, text).page(Page.of(page, size)).list();
    }

    public long countSearch(Optional<BaseStatus> status, String text) {
        return searchQuery(status, text).count();
    }

    private static io.quarkus.hibernate.orm.panache.PanacheQuery<TrackedBase> searchQuery(Optional<BaseStatus> status,
            String text) {
        String like = "%" + likeLiteral(text.toLowerCase(java.util.Locale.ROOT)) + "%";
        return status.isPresent()
                ? TrackedBase.find("lower(reference) like ?1 escape '\\' and status = ?2", Sort.by("id"), like,
                        status.get().wire())
                : TrackedBase.find("lower(reference) like ?1 escape '\\'", Sort.by("id"), like);
    }

    /** {@code text} matched literally by a LIKE with {@code ESCAPE '\\'}. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Every base tracked for the tag as a whole (no platform), the digests tasks are pinned to. */
    public List<TrackedBase> wholeTags() {
        return TrackedBase.list("platform", "");
    }

    /**
     * The references of the bases (tag as a whole) that start with one of {@code prefixes}, e.g. the private
     * registry's cached tags that tasks build FROM.
     */
    public List<String> referencesStartingWith(java.util.Collection<String> prefixes) {
        if (prefixes.isEmpty()) {
            return List.of();
        }
        StringBuilder query = new StringBuilder("SELECT b.reference FROM TrackedBase b WHERE b.platform = '' AND (");
        int i = 0;
        for (String ignored : prefixes) {
            query.append(i == 0 ? "" : " OR ").append("b.reference LIKE :p").append(i++).append(" ESCAPE '\\'");
        }
        var select = TrackedBase.getEntityManager().createQuery(query.append(") ORDER BY b.id").toString(), String.class);
        i = 0;
        for (String prefix : prefixes) {
            select.setParameter("p" + i++, likeLiteral(prefix) + "%");
        }
        return select.getResultList();
    }

    /** Every base (all platforms) of a reference, written in any form the reference grammar accepts. */
    public List<TrackedBase> byReference(String reference) {
        return TrackedBase.list("reference", parseReference(reference).toString());
    }

    public long count(Optional<BaseStatus> status) {
        return status.isPresent() ? TrackedBase.count("status", status.get().wire()) : TrackedBase.count();
    }

    /** A merge patch of a base: a field left out of the patch is not {@code given}; null resets it. */
    public record BaseChange(boolean intervalGiven, Integer intervalSeconds, boolean credentialsGiven,
            String credentials) {}

    /**
     * Changes a base's interval or credential set. A new interval moves the next check to the last check plus the
     * new interval (due at once when that has passed), so the change takes effect without waiting out the old one.
     */
    @Transactional
    public TrackedBase change(long id, BaseChange change) {
        TrackedBase base = get(id);
        if (change.intervalGiven()) {
            int interval = intervalOf(change.intervalSeconds());
            if (interval != base.intervalSeconds) {
                base.intervalSeconds = interval;
                Instant from = base.lastCheckedAt != null ? base.lastCheckedAt : Instant.now();
                base.nextCheckAt = NextCheck.after(from, interval, config.jitter());
            }
        }
        if (change.credentialsGiven()) {
            base.credentials = checkCredentials(change.credentials(), parseReference(base.reference));
        }
        return base;
    }

    /** Stops watching a base; 409 naming the tasks while tasks still build FROM it. */
    @Transactional
    public void delete(long id) {
        TrackedBase base = get(id);
        List<String> users = List.copyOf(graph.directDependents(base.reference).keySet());
        if (!users.isEmpty()) {
            String names = String.join(", ", users.subList(0, Math.min(users.size(), MAX_NAMED_TASKS)))
                    + (users.size() > MAX_NAMED_TASKS ? " and " + (users.size() - MAX_NAMED_TASKS) + " more" : "");
            throw ProblemException.conflict("base " + base.reference + " is still used by " + users.size()
                    + (users.size() == 1 ? " task: " : " tasks: ") + names
                    + "; delete those tasks or change their build files first");
        }
        base.delete();
    }

    /** The digests the watch knows for these references (tag as a whole); unknown ones are left out. */
    public java.util.Map<String, String> currentDigests(java.util.Collection<String> references) {
        java.util.Map<String, String> digests = new java.util.LinkedHashMap<>();
        if (references.isEmpty()) {
            return digests;
        }
        TrackedBase.<TrackedBase>list("reference in ?1 and platform = '' and digest is not null", references)
                .forEach(b -> digests.put(b.reference, b.digest));
        return digests;
    }

    /**
     * Whether the watch has recorded a digest for this base other than {@code digest}: an event announcing
     * {@code digest} is then older than what the database knows. Unknown bases and bases without a digest yet
     * supersede nothing.
     */
    public boolean supersedes(String reference, String platform, String digest) {
        return TrackedBase.byReference(reference, platform == null ? "" : platform)
                .map(TrackedBase::effectiveDigest)
                .filter(current -> !current.equals(digest))
                .isPresent();
    }

    /** A task no longer needs this base: stop watching it unless someone tracks it explicitly. */
    @Transactional
    public void releaseImplicit(String reference) {
        TrackedBase.delete("reference = ?1 and trackedExplicitly = false", reference);
    }

    private static ImageReference parseReference(String reference) {
        if (reference == null || reference.isBlank()) {
            throw ProblemException.badRequest("reference", "reference is required, e.g. eclipse-temurin:21-jre");
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(reference.strip());
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("reference", e.getMessage());
        }
        if (ref.digest().isPresent()) {
            throw ProblemException.badRequest("reference",
                    "reference " + reference + " is pinned to a digest, which never changes; track a tag instead");
        }
        return ref;
    }

    private static String parsePlatform(String platform) {
        if (platform == null || platform.isBlank()) {
            return "";
        }
        try {
            return Platform.parse(platform.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("platform", e.getMessage());
        }
    }

    private int intervalOf(Integer requested) {
        if (requested == null) {
            return (int) config.defaultInterval().toSeconds();
        }
        Duration minimum = config.minimumInterval();
        if (requested < minimum.toSeconds()) {
            throw ProblemException.badRequest("intervalSeconds",
                    "intervalSeconds must be at least " + minimum.toSeconds() + ", was " + requested);
        }
        return requested;
    }

    private String checkCredentials(String name, ImageReference ref) {
        if (name == null || name.isBlank()) {
            return null;
        }
        Credential credential = credentials.find(name)
                .orElseThrow(() -> ProblemException.badRequest("credentials", "no credential set named '" + name + "'"));
        if (!credential.registry().equalsIgnoreCase(ref.registry())) {
            throw ProblemException.badRequest("credentials", "credential set '" + name + "' is for registry "
                    + credential.registry() + ", not " + ref.registry());
        }
        return name;
    }
}
