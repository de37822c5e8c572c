package dev.drydock.importer;

import java.util.EnumSet;
import java.util.Set;

/** Where an import job is: Queued until a worker claims it, Running while it copies, then one of the final three. */
public enum ImportStatus {
    Queued, Running, Succeeded, Failed, Canceled;

    public static final Set<ImportStatus> FINAL = EnumSet.of(Succeeded, Failed, Canceled);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
