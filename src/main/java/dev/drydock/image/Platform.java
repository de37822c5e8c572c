package dev.drydock.image;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OCI platform {@code os/architecture[/variant]}, e.g. {@code linux/amd64} or {@code linux/arm64/v8}.
 * Values are taken as written: nothing is lower-cased and {@code linux/arm64} does not equal {@code
 * linux/arm64/v8}.
 */
public final class Platform {

    private static final Pattern VALUE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final String os;
    private final String architecture;
    private final String variant;

    private Platform(String os, String architecture, String variant) {
        this.os = os;
        this.architecture = architecture;
        this.variant = variant;
    }

    /** Parses {@code os/architecture} or {@code os/architecture/variant}. */
    public static Platform parse(String s) {
        Objects.requireNonNull(s, "platform");
        String[] parts = s.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "invalid platform \"" + s + "\": expected os/architecture or os/architecture/variant");
        }
        return new Platform(check(s, "os", parts[0]), check(s, "architecture", parts[1]),
                parts.length == 3 ? check(s, "variant", parts[2]) : null);
    }

    public static Platform of(String os, String architecture) {
        String input = os + "/" + architecture;
        return new Platform(check(input, "os", os), check(input, "architecture", architecture), null);
    }

    public static Platform of(String os, String architecture, String variant) {
        String input = os + "/" + architecture + "/" + variant;
        return new Platform(check(input, "os", os), check(input, "architecture", architecture),
                check(input, "variant", variant));
    }

    private static String check(String input, String field, String value) {
        Objects.requireNonNull(value, field);
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid platform \"" + input + "\": " + field + " \"" + value
                    + "\" must be lower-case letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    public String os() {
        return os;
    }

    public String architecture() {
        return architecture;
    }

    public Optional<String> variant() {
        return Optional.ofNullable(variant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Platform other
                && os.equals(other.os)
                && architecture.equals(other.architecture)
                && Objects.equals(variant, other.variant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, architecture, variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
