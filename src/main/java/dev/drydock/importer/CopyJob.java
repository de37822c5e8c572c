package dev.drydock.importer;

import dev.drydock.image.ImageReference;
import dev.drydock.image.Platform;
import java.util.List;

/**
 * One import as the copy sees it: the source, the tags and the untagged repositories to write (all in the private
 * registry), the platforms to keep (null: all) and whether a target tag holding another digest may be moved.
 */
record CopyJob(ImageReference source, List<ImageReference> targets, List<ImageReference> untaggedRepositories,
        List<Platform> platforms, boolean force) {

    static CopyJob of(ImportJob job) {
        return new CopyJob(ImageReference.parse(job.source),
                job.targets.stream().map(ImageReference::parse).toList(),
                job.untaggedTargets.stream().map(ImageReference::parse).toList(),
                job.platforms == null ? null : job.platforms.stream().map(Platform::parse).toList(),
                job.force);
    }

    /** Every repository written to, each once, tagged targets first. */
    List<ImageReference> repositories() {
        java.util.Map<String, ImageReference> byName = new java.util.LinkedHashMap<>();
        targets.forEach(t -> byName.putIfAbsent(t.name(), t.withoutDigest()));
        untaggedRepositories.forEach(r -> byName.putIfAbsent(r.name(), r));
        return List.copyOf(byName.values());
    }
}
