package dev.drydock.importer;

import dev.drydock.concurrent.DaemonThreads;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.Manifest;
import dev.drydock.registry.RegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one import's content from its source into the private registry, byte for byte:
 * <ol>
 * <li>HEAD the source; when every target already holds that digest, stop (one source request in all);</li>
 * <li>refuse a target tag that holds another digest unless forced;</li>
 * <li>read the source manifest once, and each manifest an index names once (nested indexes too), plus the referrers
 * of each: those the source's OCI referrers API lists (when it has one) and the cosign tags
 * {@code sha256-<digest>.sig|.att|.sbom};</li>
 * <li>copy every blob, several at once, streamed: skipped when the target repository has it, mounted from the first
 * target repository into the others;</li>
 * <li>put every manifest by digest, children first, then the tags.</li>
 * </ol>
 * With chosen platforms the root is a new index of only their entries (its own digest).
 */
final class ImageCopy {

    static final List<String> REFERRER_SUFFIXES = List.of("sig", "att", "sbom");

    /** A manifest to put, with the tag it carries in the source when it is a referrer. */
    record Node(Manifest manifest, String referrerTag) {}

    record Result(Descriptor source, Digest target, boolean alreadyPresent) {}

    private final RegistryClient client;
    private final ProgressTracker progress;
    private final int parallel;
    /** Throws {@link ImportStopped} when the copy must stop. */
    private final Runnable checkpoint;
    /** Whether the source may offer the OCI referrers API: true until it answered that it does not. */
    private boolean referrersApi = true;

    ImageCopy(RegistryClient client, ProgressTracker progress, int parallel, Runnable checkpoint) {
        this.client = client;
        this.progress = progress;
        this.parallel = parallel;
        this.checkpoint = checkpoint;
    }

    /**
     * The first step alone: HEADs the source and the targets, and answers the source's descriptor when every target
     * already holds its digest (nothing to copy), else empty.
     */
    Optional<Descriptor> alreadyPresent(CopyJob job) {
        Descriptor head = headSource(job);
        return job.platforms() == null && present(job, head.digest()) ? Optional.of(head) : Optional.empty();
    }

    /** @param sourceSeen told the source's descriptor as soon as it is known, to show on the job */
    Result copy(CopyJob job, java.util.function.Consumer<Descriptor> sourceSeen) {
        ImageReference source = job.source();
        Descriptor head = headSource(job);
        sourceSeen.accept(head);
        Digest digest = head.digest();
        if (job.platforms() == null && present(job, digest)) {
            return new Result(head, digest, true);
        }
        checkpoint.run();
        Manifest root = client.getManifest(source.withDigest(digest))
                .orElseThrow(() -> new ImportFailure("source " + source + " disappeared while importing"));
        Manifest top = root;
        if (job.platforms() != null) {
            if (!root.isIndex()) {
                throw new ImportFailure("platforms were chosen but " + source + " is a single-platform "
                        + root.mediaType() + "; import it with platforms \"all\"");
            }
            byte[] selected = ManifestJson.selectPlatforms(root.content(), job.platforms());
            if (ManifestJson.entries(selected) == 0) {
                throw new ImportFailure(source + " has none of the platforms " + job.platforms() + " (it has "
                        + root.index().platforms() + ")");
            }
            top = new Manifest(root.mediaType(), Digest.sha256Of(selected), selected);
            if (!job.force()) {
                checkTags(job, top.digest(), heldTags(job));
            }
        }
        List<Node> nodes = new ArrayList<>();
        walk(source, top, null, nodes);
        if (top != root) {
            referrers(source, root.digest(), nodes);
        }
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!n.manifest().isIndex()) {
                ManifestJson.blobs(n.manifest().content()).forEach(b -> blobs.putIfAbsent(b.digest(), b));
            }
        }
        progress.plan(List.copyOf(blobs.values()));
        copyBlobs(source, job.repositories(), blobs.values());
        for (ImageReference repository : job.repositories()) {
            for (Node n : nodes) {
                checkpoint.run();
                Manifest m = n.manifest();
                client.putManifest(repository.withDigest(m.digest()), m.content(), m.mediaType());
                if (n.referrerTag() != null) {
                    client.putManifest(repository.withoutDigest().withTag(n.referrerTag()), m.content(), m.mediaType());
                }
            }
        }
        for (ImageReference tag : job.targets()) {
            client.putManifest(tag, top.content(), top.mediaType());
        }
        return new Result(head, top.digest(), false);
    }

    /** What each target tag holds now: one HEAD each. */
    private Map<ImageReference, Optional<Digest>> heldTags(CopyJob job) {
        Map<ImageReference, Optional<Digest>> held = new LinkedHashMap<>();
        for (ImageReference tag : job.targets()) {
            held.put(tag, client.headManifest(tag).map(Descriptor::digest));
        }
        return held;
    }

    /** A target tag that holds another digest fails the import unless it is forced. */
    private void checkTags(CopyJob job, Digest digest, Map<ImageReference, Optional<Digest>> held) {
        if (job.force()) {
            return;
        }
        held.forEach((tag, holds) -> {
            if (holds.isPresent() && !holds.get().equals(digest)) {
                throw new ImportFailure("target " + tag + " holds " + holds.get() + ", not " + digest
                        + "; set force to move the tag");
            }
        });
    }

    private Descriptor headSource(CopyJob job) {
        return client.headManifest(job.source())
                .orElseThrow(() -> new ImportFailure("source " + job.source() + " does not exist"));
    }

    /**
     * Every tag and every untagged repository already holds {@code digest}; a tag that holds another digest fails
     * the import unless it is forced.
     */
    private boolean present(CopyJob job, Digest digest) {
        Map<ImageReference, Optional<Digest>> held = heldTags(job);
        checkTags(job, digest, held);
        if (!held.values().stream().allMatch(holds -> holds.filter(digest::equals).isPresent())) {
            return false;
        }
        for (ImageReference repository : job.untaggedRepositories()) {
            if (client.headManifest(repository.withDigest(digest)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Children before parents; each manifest's cosign tags after it. */
    private void walk(ImageReference source, Manifest manifest, String referrerTag, List<Node> out) {
        checkpoint.run();
        if (manifest.isIndex()) {
            for (Descriptor child : ManifestJson.children(manifest.content())) {
                if (contains(out, child.digest())) {
                    continue;
                }
                Manifest m = client.getManifest(source.withDigest(child.digest())).orElseThrow(() -> new ImportFailure(
                        "the index " + manifest.digest() + " names " + child.digest() + ", which " + source.name()
                                + " does not have"));
                walk(source, m, null, out);
            }
        }
        out.add(new Node(manifest, referrerTag));
        if (referrerTag == null) {
            referrers(source, manifest.digest(), out);
        }
    }

    /**
     * The referrers of {@code digest} in the source repository, each with its own referrers: what the source's OCI
     * referrers API lists (when it offers one), then the cosign-style tags. Both are asked for because they hold
     * different things: the API lists manifests that carry a {@code subject}, cosign's tag schema signatures that do
     * not.
     */
    private void referrers(ImageReference source, Digest digest, List<Node> out) {
        for (Descriptor listed : apiReferrers(source, digest)) {
            if (contains(out, listed.digest())) {
                continue;
            }
            Manifest m = client.getManifest(source.withDigest(listed.digest())).orElseThrow(() -> new ImportFailure(
                    "the referrers of " + digest + " name " + listed.digest() + ", which " + source.name()
                            + " does not have"));
            walk(source, m, null, out);
        }
        for (String suffix : REFERRER_SUFFIXES) {
            String tag = digest.algorithm() + "-" + digest.hex() + "." + suffix;
            ImageReference ref = source.withoutDigest().withTag(tag);
            Optional<Descriptor> held = client.headManifest(ref);
            if (held.isPresent() && !contains(out, held.get().digest())) {
                Manifest m = client.getManifest(ref.withDigest(held.get().digest()))
                        .orElseThrow(() -> new ImportFailure(ref + " disappeared while importing"));
                walk(source, m, tag, out);
            }
        }
    }

    /** The API's referrers of {@code digest}; after the source once answered that it has no such API, not asked. */
    private List<Descriptor> apiReferrers(ImageReference source, Digest digest) {
        if (!referrersApi) {
            return List.of();
        }
        Optional<List<Descriptor>> listed = client.listReferrers(source.withoutDigest(), digest);
        referrersApi = listed.isPresent();
        return listed.orElse(List.of());
    }

    private static boolean contains(List<Node> nodes, Digest digest) {
        return nodes.stream().anyMatch(n -> n.manifest().digest().equals(digest));
    }

    private void copyBlobs(ImageReference source, List<ImageReference> repositories,
            java.util.Collection<Descriptor> blobs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, blobs.size())),
                DaemonThreads.named("import-blobs"));
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (Descriptor blob : blobs) {
                copies.add(pool.submit(() -> copyBlob(source, repositories, blob)));
            }
            for (Future<?> f : copies) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportStopped(false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void copyBlob(ImageReference source, List<ImageReference> repositories, Descriptor blob) {
        ImageReference first = repositories.get(0);
        for (ImageReference repository : repositories) {
            checkpoint.run();
            BlobState state;
            if (client.headBlob(repository, blob.digest()).isPresent()) {
                state = BlobState.skipped;
            } else if (repository != first && client.mountBlob(repository, blob.digest(), first.repository())) {
                state = BlobState.mounted;
            } else if (client.copyBlob(source, repository, blob.digest())) {
                state = BlobState.copied;
            } else {
                throw new ImportFailure("blob " + blob.digest() + " is missing from " + source.name());
            }
            progress.done(blob, state);
        }
    }
}
