package dev.drydock.importer;

import java.util.List;

/**
 * How far an import got: blobs and bytes done of the total, and each blob's state. Stored on the job as JSON and
 * shown by the API; bytes count every blob done, whether copied, skipped or mounted.
 */
public record ImportProgress(int blobsDone, int blobsTotal, long bytesDone, long bytesTotal, List<Blob> blobs) {

    public record Blob(String digest, long size, BlobState state) {}

    public static ImportProgress none() {
        return new ImportProgress(0, 0, 0, 0, List.of());
    }
}
