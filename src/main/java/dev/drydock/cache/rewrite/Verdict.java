package dev.drydock.cache.rewrite;

/**
 * Whether a private copy may stand in for an upstream reference: verified with the digest both have, or not with
 * the reason and what each side answered (null where it did not).
 */
record Verdict(PrivateCopy copy, boolean verified, String digest, String reason, String upstreamDigest,
        String privateDigest) {

    static Verdict verified(PrivateCopy copy, String digest) {
        return new Verdict(copy, true, digest, null, digest, digest);
    }

    static Verdict skipped(PrivateCopy copy, String reason, String upstreamDigest, String privateDigest) {
        return new Verdict(copy, false, null, reason, upstreamDigest, privateDigest);
    }
}
