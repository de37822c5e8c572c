package dev.drydock.access;

/** Something a caller may do to a repository, named as ACR's scope-map actions. */
public enum RepositoryAction {
    CONTENT_READ("content/read"),
    CONTENT_WRITE("content/write"),
    CONTENT_DELETE("content/delete"),
    METADATA_READ("metadata/read"),
    METADATA_WRITE("metadata/write");

    private final String wire;

    RepositoryAction(String wire) {
        this.wire = wire;
    }

    /** The name in scope maps and the API, such as {@code content/read}. */
    public String wire() {
        return wire;
    }
}
