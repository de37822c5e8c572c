package dev.drydock.importer;

/** An import that cannot succeed as asked (no such source, a target tag taken without force, …): the job Failed. */
final class ImportFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ImportFailure(String message) {
        super(message);
    }
}
