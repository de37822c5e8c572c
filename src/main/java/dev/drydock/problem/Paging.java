package dev.drydock.problem;

/** The one rule for {@code page} and {@code size} query parameters of list endpoints. */
public final class Paging {

    public static final int MAX_SIZE = 500;

    private Paging() {}

    /** @throws ProblemException naming {@code page} or {@code size} when either is out of range */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.badRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("size", "size must be between 1 and " + MAX_SIZE);
        }
    }
}
