package dev.drydock.importer;

import dev.drydock.registry.Descriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The progress of one import as its blob copies report it, from several threads; one per job attempt. */
final class ProgressTracker {

    private final Map<String, ImportProgress.Blob> blobs = new LinkedHashMap<>();

    synchronized void plan(List<Descriptor> all) {
        for (Descriptor d : all) {
            blobs.putIfAbsent(d.digest().toString(), new ImportProgress.Blob(d.digest().toString(), d.size(),
                    BlobState.pending));
        }
    }

    /** A blob is done; copied beats mounted beats skipped when it went to several repositories. */
    synchronized void done(Descriptor blob, BlobState state) {
        String key = blob.digest().toString();
        ImportProgress.Blob before = blobs.get(key);
        BlobState merged = before == null || state.ordinal() > before.state().ordinal() ? state : before.state();
        blobs.put(key, new ImportProgress.Blob(key, blob.size(), merged));
    }

    synchronized ImportProgress snapshot() {
        int done = 0;
        long bytesDone = 0;
        long bytesTotal = 0;
        for (ImportProgress.Blob b : blobs.values()) {
            bytesTotal += Math.max(0, b.size());
            if (b.state() != BlobState.pending) {
                done++;
                bytesDone += Math.max(0, b.size());
            }
        }
        return new ImportProgress(done, blobs.size(), bytesDone, bytesTotal, new ArrayList<>(blobs.values()));
    }
}
