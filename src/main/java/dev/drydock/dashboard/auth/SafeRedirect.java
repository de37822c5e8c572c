package dev.drydock.dashboard.auth;

/** Where to go after signing in: only a path on this site, never another host. */
public final class SafeRedirect {

    private SafeRedirect() {}

    public static String path(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
