package dev.drydock.access;

/** Who is calling the private registry, as the front sees it; {@code name} is empty for anonymous callers. */
public record RegistryCaller(Kind kind, String name) {

    public enum Kind {
        /** No credential, or a token the token service issued to nobody. */
        ANONYMOUS,
        /** A repository-scoped token, limited by its scope map. */
        TOKEN,
        /** The API's admin: full access. */
        ADMIN,
        /** drydock's own rebuilds, imports and cache fills: full access. */
        SERVICE
    }

    public static final RegistryCaller ANONYMOUS = new RegistryCaller(Kind.ANONYMOUS, "");
}
