package dev.drydock.importer;

/** The copy stopped between two steps: the job was canceled, or this worker lost its lease. */
final class ImportStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final boolean canceled;

    ImportStopped(boolean canceled) {
        super(canceled ? "canceled" : "lease lost");
        this.canceled = canceled;
    }
}
