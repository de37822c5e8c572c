package dev.drydock.importer;

/**
 * What an import did with one blob: not yet, already in the target (HEAD), mounted from another target repository,
 * or copied from the source. In this order: a blob that went to several repositories shows the most work done.
 */
public enum BlobState {
    pending, skipped, mounted, copied
}
