package dev.drydock.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparing a presented secret with the expected one without telling, by timing, how much of it matched. */
public final class Secrets {

    private Secrets() {}

    /** False when either is null. */
    public static boolean same(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
