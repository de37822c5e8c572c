package dev.drydock.image;

import java.util.Locale;

/** An image reference, or one part of it, that does not follow the distribution grammar. */
public class InvalidReferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The part of a reference that is wrong. */
    public enum Part {
        /** The reference as a whole, e.g. an empty string. */
        REFERENCE,
        /** The registry host and optional port. */
        DOMAIN,
        /** The repository path, including the 255-character limit on domain + "/" + path. */
        PATH,
        TAG,
        DIGEST
    }

    private final String input;
    private final Part part;
    private final String reason;

    public InvalidReferenceException(String input, Part part, String reason) {
        super("invalid image reference \"" + input + "\": " + reason + " ("
                + part.name().toLowerCase(Locale.ROOT) + ")");
        this.input = input;
        this.part = part;
        this.reason = reason;
    }

    /** The text that was parsed: the whole reference, or the tag or digest given on its own. */
    public String input() {
        return input;
    }

    public Part part() {
        return part;
    }

    /** What is wrong, without the input: e.g. {@code repository must be lower-case}. */
    public String reason() {
        return reason;
    }
}
