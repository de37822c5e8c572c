package dev.drydock.rebuild.worker;

import dev.drydock.image.ImageReference;
import dev.drydock.rebuild.engine.BuildException;
import dev.drydock.rebuild.engine.BuildResult;
import dev.drydock.rebuild.engine.ImageRebaser;
import dev.drydock.registry.CredentialLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** A rebase task's build: the pinned image's own layers written over its pinned base, pushed to every target. */
@ApplicationScoped
class RebaseStep {

    private final ImageRebaser rebaser;
    private final CredentialLookup credentials;
    private final PlainHttpRegistries plainHttp;

    RebaseStep(ImageRebaser rebaser, CredentialLookup credentials, PlainHttpRegistries plainHttp) {
        this.rebaser = rebaser;
        this.credentials = credentials;
        this.plainHttp = plainHttp;
    }

    BuildResult rebase(RunContext run, PinStep.RebasePins pins, List<ImageReference> targets) throws BuildException {
        List<ImageReference> everything = new ArrayList<>(targets);
        everything.add(pins.image());
        everything.add(pins.base());
        return rebaser.build(new ImageRebaser.Request(pins.image(), pins.base(), targets, credentials,
                plainHttp.among(everything)), run.log());
    }
}
