package dev.drydock.importer;

/** A request names an import job that does not exist: it can never be run. */
public class UnknownImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownImportException(long id) {
        super("no import job " + id);
    }
}
