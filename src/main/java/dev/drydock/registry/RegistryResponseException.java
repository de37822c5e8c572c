package dev.drydock.registry;

import java.util.List;

/**
 * The registry answered with a status the call does not expect (e.g. 400 MANIFEST_INVALID, 405 on a
 * read-only registry). Carries the status and the distribution error codes from the body. Not
 * temporary.
 */
public class RegistryResponseException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> errorCodes;

    public RegistryResponseException(String registry, String repository, String request, int status,
            List<String> errorCodes, String detail) {
        super(registry, repository, request + " on " + where(registry, repository) + " answered " + status
                + (errorCodes.isEmpty() ? "" : " " + errorCodes) + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.errorCodes = List.copyOf(errorCodes);
    }

    public int status() {
        return status;
    }

    /** Codes from the distribution error body, e.g. {@code [MANIFEST_INVALID]}; empty when there was none. */
    public List<String> errorCodes() {
        return errorCodes;
    }
}
