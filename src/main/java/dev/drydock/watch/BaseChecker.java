package dev.drydock.watch;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.registry.Descriptor;
import dev.drydock.registry.RegistryCircuitOpenException;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.RegistryRateLimitedException;
import dev.drydock.registry.RegistryUnauthorizedException;
import dev.drydock.registry.RegistryUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks a registry what a base points at. An unchanged base costs one HEAD request; only a changed
 * multi-platform base with a platform set costs a GET of the index as well.
 */
@ApplicationScoped
public class BaseChecker {

    @Inject
    @PollingClient
    RegistryClient registry;

    @Inject
    MeterRegistry meters;

    /** Checks without touching the database; {@code known} is what the base held before. */
    public CheckOutcome check(String reference, String platform, String knownDigest, String knownPlatformDigest) {
        ImageReference ref = ImageReference.parse(reference);
        Timer.Sample sample = Timer.start(meters);
        CheckOutcome outcome = checkRegistry(ref, platform, knownDigest, knownPlatformDigest);
        sample.stop(meters.timer("drydock.watch.check.duration", "registry", ref.registry()));
        meters.counter("drydock.watch.checks", "registry", ref.registry(), "status", outcome.status().wire()).increment();
        return outcome;
    }

    private CheckOutcome checkRegistry(ImageReference ref, String platform, String knownDigest, String knownPlatformDigest) {
        try {
            Optional<Descriptor> head = registry.headManifest(ref);
            if (head.isEmpty()) {
                return CheckOutcome.failed(BaseStatus.NOT_FOUND, "manifest unknown: " + ref.familiar(), Optional.empty());
            }
            Descriptor top = head.get();
            String digest = top.digest().toString();
            if (platform.isEmpty()) {
                return CheckOutcome.found(digest, top.mediaType(), null);
            }
            if (digest.equals(knownDigest) && knownPlatformDigest != null) {
                return CheckOutcome.found(digest, top.mediaType(), knownPlatformDigest);
            }
            if (!MediaTypes.isIndex(top.mediaType())) {
                return CheckOutcome.found(digest, top.mediaType(), digest);
            }
            Optional<Descriptor> forPlatform = registry.resolvePlatform(ref.withDigest(Digest.parse(digest)), Platform.parse(platform));
            if (forPlatform.isEmpty()) {
                return CheckOutcome.failed(BaseStatus.NOT_FOUND, ref.familiar() + " has no image for platform " + platform,
                        Optional.empty());
            }
            return CheckOutcome.found(digest, forPlatform.get().mediaType(), forPlatform.get().digest().toString());
        } catch (RegistryRateLimitedException e) {
            return CheckOutcome.failed(BaseStatus.RATE_LIMITED, e.getMessage(), e.retryAfter());
        } catch (RegistryUnauthorizedException e) {
            return CheckOutcome.failed(BaseStatus.UNAUTHORIZED, e.getMessage(), Optional.empty());
        } catch (RegistryCircuitOpenException e) {
            return CheckOutcome.failed(BaseStatus.UNREACHABLE, e.getMessage(),
                    Optional.of(Duration.between(Instant.now(), e.retryAt())).filter(d -> !d.isNegative()));
        } catch (RegistryUnavailableException e) {
            return CheckOutcome.failed(BaseStatus.UNREACHABLE, e.getMessage(), e.retryAfter());
        } catch (RegistryException | IllegalArgumentException e) {
            return CheckOutcome.failed(BaseStatus.UNREACHABLE, e.getMessage(), Optional.empty());
        } catch (RuntimeException e) {
            return CheckOutcome.failed(BaseStatus.UNREACHABLE, String.valueOf(e), Optional.empty());
        }
    }
}
