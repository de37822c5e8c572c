package dev.drydock.source;

/**
 * How much of a repository drydock takes in: what a fetch may receive, what a checkout may write (compressed
 * objects can expand to far more than their fetch) and what all mirrors together may keep.
 *
 * @param maxFetchBytes bytes of pack one fetch may receive
 * @param maxCheckoutEntries files, links and submodules one checkout may write
 * @param maxCheckoutBytes bytes of file content one checkout may write
 * @param maxMirrorBytes bytes all mirrors may use together; the least recently used go first past it
 */
public record SourceLimits(long maxFetchBytes, int maxCheckoutEntries, long maxCheckoutBytes, long maxMirrorBytes) {

    /** The defaults of {@link SourceConfig}: 512 MiB per fetch, 100 000 entries and 2 GiB per checkout, 10 GiB of mirrors. */
    public static final SourceLimits DEFAULT = new SourceLimits(512L << 20, 100_000, 2L << 30, 10L << 30);

    public SourceLimits {
        if (maxFetchBytes < 1 || maxCheckoutEntries < 1 || maxCheckoutBytes < 1 || maxMirrorBytes < 1) {
            throw new IllegalArgumentException("source limits must be positive");
        }
    }

    public static SourceLimits of(SourceConfig config) {
        return new SourceLimits(config.maxFetchBytes(), config.maxCheckoutEntries(), config.maxCheckoutBytes(),
                config.maxMirrorBytes());
    }
}
