package dev.drydock.importer;

import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.image.InvalidReferenceException;
import dev.drydock.image.Platform;
import dev.drydock.outbox.EventType;
import dev.drydock.outbox.Outbox;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.CredentialService;
import dev.drydock.registry.credential.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Import jobs: validated and written with their request event in one transaction, read, listed and canceled. A job
 * whose targets already hold the source's digest is written Succeeded at once ({@link PresentCheck}); its request
 * event still goes out, and the worker that takes it finds it ended. Targets are in the private registry; a target names a repository and tag there ({@code library/nginx:1.27}).
 */
@ApplicationScoped
public class ImportService {

    static final int MAX_TARGETS = 50;
    static final int MAX_PLATFORMS = 32;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    CredentialService credentials;

    @Inject
    SecretCipher cipher;

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Inject
    PresentCheck presentCheck;

    /**
     * Validates and writes the job with its event. The check whether the targets already hold the source (registry
     * requests, up to {@code drydock.imports.present-check}) runs before the transaction, so no database connection
     * is held while registries answer.
     */
    public ImportView create(NewImport request) {
        if (request == null) {
            throw ProblemException.badRequest("source", "a request body with at least source is required");
        }
        ImageReference source = parseSource(request.source());
        List<String> targets = targets(request.targets());
        List<String> untagged = untagged(request.untaggedTargetRepositories());
        if (targets.isEmpty() && untagged.isEmpty()) {
            if (source.tag().isPresent()) {
                targets = List.of(target(source.repository() + ":" + source.tag().get(), "targets"));
            } else {
                untagged = List.of(repository(source.repository(), "untaggedTargetRepositories"));
            }
        }
        List<String> platforms = platforms(request.platforms());
        checkCredentials(request, source);
        Instant now = Instant.now();
        ImportJob job = new ImportJob();
        job.status = ImportStatus.Queued;
        job.source = source.toString();
        job.targets = targets;
        job.untaggedTargets = untagged;
        job.platforms = platforms;
        job.force = Boolean.TRUE.equals(request.force());
        job.credentialSet = blankToNull(request.credentialSet());
        job.username = blankToNull(request.username());
        job.createdAt = now;
        job.updatedAt = now;
        Optional<PresentCheck.Present> present = presentCheck.check(CopyJob.of(job), job.credentialSet, job.username,
                request.password());
        present.ifPresent(p -> endPresent(job, p));
        return QuarkusTransaction.joiningExisting().call(() -> {
            job.persistAndFlush();
            if (request.password() != null && present.isEmpty()) {
                job.passwordEncrypted = cipher.encrypt(request.password(), job.secretContext());
            }
            outbox.append(EventType.IMPORT_REQUESTED, String.valueOf(job.id), "import/" + job.id,
                    new ImportRequested(job.id, job.source));
            return ImportView.of(job);
        });
    }

    /** Every target holds the source's digest already: the job ends Succeeded as it is created, with nothing copied. */
    private static void endPresent(ImportJob job, PresentCheck.Present present) {
        job.status = ImportStatus.Succeeded;
        job.sourceDigest = present.source().digest().toString();
        job.sourceMediaType = present.source().mediaType();
        job.targetDigest = job.sourceDigest;
        job.progress = ImportProgress.none();
        present.rateLimit().ifPresent(r -> job.rateLimit = RateLimit.of(r));
        job.startedAt = job.createdAt;
        job.finishedAt = Instant.now();
        job.updatedAt = job.finishedAt;
    }

    @Transactional
    public ImportView get(long id) {
        return ImportView.of(find(id));
    }

    /**
     * The newest Succeeded import of exactly {@code source} (a normalised reference, as jobs store it:
     * {@code docker.io/library/nginx:1.27}, or {@code …@sha256:…} for a source given by digest): where the copy is in
     * the private registry ({@code targets}, {@code untaggedTargetRepositories}) and its digest ({@code targetDigest}).
     */
    @Transactional
    public Optional<ImportView> newestSucceeded(String source) {
        return ImportJob.<ImportJob>find("source = ?1 and status = ?2 order by finishedAt desc, id desc", source,
                ImportStatus.Succeeded).firstResultOptional().map(ImportView::of);
    }

    @Transactional
    public List<ImportView> list(int page, int size) {
        return ImportJob.<ImportJob>find("order by createdAt desc, id desc").page(page, size).list().stream()
                .map(ImportView::of).toList();
    }

    @Transactional
    public long count() {
        return ImportJob.count();
    }

    /** A queued job ends Canceled at once; a running one stops between blobs (its worker sees the request). */
    @Transactional
    public ImportView cancel(long id) {
        ImportJob job = lock(id).orElseThrow(() -> ProblemException.notFound("import", id));
        if (job.status.isFinal()) {
            throw ProblemException.conflict("import " + id + " already ended " + job.status);
        }
        job.cancelRequested = true;
        job.updatedAt = Instant.now();
        if (job.status == ImportStatus.Queued && (job.leaseUntil == null || job.leaseUntil.isBefore(Instant.now()))) {
            job.status = ImportStatus.Canceled;
            job.error = "canceled before it started";
            job.finishedAt = job.updatedAt;
        }
        return ImportView.of(job);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<ImportJob> lock(long id) {
        return Optional.ofNullable(em.find(ImportJob.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The job's password in clear, for its registry client only. */
    String password(ImportJob job) {
        return job.passwordEncrypted == null ? null : cipher.decrypt(job.passwordEncrypted, job.secretContext());
    }

    private static ImportJob find(long id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null) {
            throw ProblemException.notFound("import", id);
        }
        return job;
    }

    private static ImageReference parseSource(String source) {
        if (source == null || source.isBlank()) {
            throw ProblemException.badRequest("source", "source is required, e.g. docker.io/library/nginx:1.27");
        }
        try {
            return ImageReference.parse(source.trim());
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest("source", e.getMessage());
        }
    }

    private List<String> targets(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String t : distinct(given, "targets")) {
            out.add(target(t, "targets"));
        }
        return out;
    }

    private List<String> untagged(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String r : distinct(given, "untaggedTargetRepositories")) {
            out.add(repository(r, "untaggedTargetRepositories"));
        }
        return out;
    }

    /** A repository:tag in the private registry, as a full reference. */
    private String target(String target, String field) {
        ImageReference ref = inPrivateRegistry(target, field);
        if (ref.digest().isPresent() || ref.tag().isEmpty()) {
            throw ProblemException.badRequest(field, "target \"" + target + "\" must be repository:tag (no digest); "
                    + "use untaggedTargetRepositories to import by digest only");
        }
        return ref.toString();
    }

    private String repository(String repository, String field) {
        ImageReference ref = inPrivateRegistry(repository, field);
        if (ref.digest().isPresent() || ref.tag().isPresent()) {
            throw ProblemException.badRequest(field, "\"" + repository + "\" must be a repository without tag or digest");
        }
        return ref.name();
    }

    private ImageReference inPrivateRegistry(String name, String field) {
        if (name.isBlank() || name.contains("://")) {
            throw ProblemException.badRequest(field, "\"" + name + "\" must be a repository in the private registry, "
                    + "e.g. library/nginx:1.27");
        }
        try {
            return ImageReference.parse(privateRegistry.host() + "/" + name.trim());
        } catch (InvalidReferenceException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static List<String> distinct(List<String> given, String field) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_TARGETS) {
            throw ProblemException.badRequest(field, field + " may hold at most " + MAX_TARGETS + " entries");
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private static List<String> platforms(List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.isEmpty() || given.size() > MAX_PLATFORMS) {
            throw ProblemException.badRequest("platforms", "platforms must be \"all\" or 1 to " + MAX_PLATFORMS
                    + " platforms such as linux/amd64");
        }
        List<String> out = new ArrayList<>();
        for (String p : new LinkedHashSet<>(given)) {
            try {
                out.add(Platform.parse(p).toString());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("platforms", "\"" + p + "\" is not a platform such as linux/amd64 "
                        + "or linux/arm64/v8");
            }
        }
        return out;
    }

    private void checkCredentials(NewImport request, ImageReference source) {
        String set = request.credentialSet();
        boolean inline = request.username() != null || request.password() != null;
        if (set != null && inline) {
            throw ProblemException.badRequest("credentialSet", "give a credentialSet or username and password, not both");
        }
        if (set != null) {
            String registry = credentials.find(set).orElseThrow(() -> ProblemException.badRequest("credentialSet",
                    "no credential set named \"" + set + "\"")).registry();
            if (!registry.equals(source.registry())) {
                throw ProblemException.badRequest("credentialSet", "credential set \"" + set + "\" is for " + registry
                        + ", not the source's registry " + source.registry());
            }
        }
        if (inline) {
            if (request.username() == null || request.username().isBlank() || request.username().indexOf(':') >= 0
                    || request.username().length() > 255) {
                throw ProblemException.badRequest("username", "username must be 1 to 255 characters without ':'");
            }
            if (request.password() == null || request.password().isEmpty() || request.password().length() > 8192) {
                throw ProblemException.badRequest("password", "password (a Docker Hub access token works) must be "
                        + "1 to 8192 characters");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
