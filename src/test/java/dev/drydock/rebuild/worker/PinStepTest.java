package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.EngineChoice;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinStepTest {

    private static final String BASE = "127.0.0.1:5001/base:1";
    private static final String TOOLS = "127.0.0.1:5001/tools:2";
    private static final Digest BASE_NOW = Digest.sha256Of("base now".getBytes(StandardCharsets.UTF_8));
    private static final Digest BASE_PINNED = Digest.sha256Of("base pinned".getBytes(StandardCharsets.UTF_8));
    private static final Digest TOOLS_NOW = Digest.sha256Of("tools now".getBytes(StandardCharsets.UTF_8));

    private final StepFixtures fixtures = new StepFixtures();
    private final List<ImageReference> heads = new ArrayList<>();
    private final Map<String, Digest> registry = Map.of(BASE, BASE_NOW, TOOLS, TOOLS_NOW);
    private final PinStep step = new PinStep(reference -> {
        heads.add(reference);
        return Optional.ofNullable(registry.get(reference.toString()));
    });

    private static AnalyseStep.Analysed analysed(String file, Engine engine) {
        return new AnalyseStep.Analysed(file, new BuildFileAnalyzer().analyze(BuildFileKind.DOCKERFILE, file, Map.of(),
                Optional.empty()), new EngineChoice(engine, "test"));
    }

    private static TaskSpec task() {
        return StepFixtures.inlineTask("Dockerfile", null);
    }

    @Test
    void shouldUseTheDigestTheTriggerPinnedWithoutAskingTheRegistry() throws Exception {
        PinStep.Pins pins = step.pin(fixtures.context(task(), Map.of(BASE, BASE_PINNED.toString())),
                analysed("FROM " + BASE + "\nCOPY a /a\n", Engine.JIB));

        assertThat(heads).isEmpty();
        assertThat(pins.runtimeBase()).contains(ImageReference.parse(BASE).withDigest(BASE_PINNED));
        assertThat(pins.resolved()).containsExactly(Map.entry(BASE, BASE_PINNED.toString()));
        assertThat(fixtures.log).containsExactly("base " + BASE + " pinned to " + BASE_PINNED);
    }

    @Test
    void shouldResolveWhatTheTriggerDidNotPinAndSaySo() throws Exception {
        PinStep.Pins pins = step.pin(fixtures.context(task(), Map.of()),
                analysed("FROM " + BASE + "\nCOPY a /a\n", Engine.JIB));

        assertThat(pins.runtimeBase()).contains(ImageReference.parse(BASE).withDigest(BASE_NOW));
        assertThat(fixtures.log).containsExactly("resolved base " + BASE + " to " + BASE_NOW
                + " (not pinned by the trigger)");
    }

    @Test
    void shouldPinEveryStageAndCopiedImageForBuildahAskingOncePerImage() throws Exception {
        String file = "FROM " + BASE + " AS build\nRUN echo hi > /x\nFROM " + BASE + "\nCOPY --from=build /x /x\n"
                + "COPY --from=" + TOOLS + " /bin/tool /bin/tool\n";

        PinStep.Pins pins = step.pin(fixtures.context(task(), Map.of()), analysed(file, Engine.BUILDAH));

        assertThat(heads).containsExactly(ImageReference.parse(BASE), ImageReference.parse(TOOLS));
        assertThat(pins.stages()).containsOnlyKeys(0, 1)
                .containsValue(ImageReference.parse(BASE).withDigest(BASE_NOW));
        assertThat(pins.copies()).containsExactly(Map.entry(5, ImageReference.parse(TOOLS).withDigest(TOOLS_NOW)));
        assertThat(pins.runtimeBase()).contains(ImageReference.parse(BASE).withDigest(BASE_NOW));
        assertThat(fixtures.log).anySatisfy(line -> assertThat(line).endsWith("(stage 0, build)"))
                .anySatisfy(line -> assertThat(line).endsWith("(stage 1, runtime)"))
                .anySatisfy(line -> assertThat(line).endsWith("(stage 1, COPY --from line 5)"));
    }

    @Test
    void shouldPinTheImageARunMountReadsForBuildah() throws Exception {
        String file = "FROM " + BASE + "\nRUN --mount=type=bind,from=" + TOOLS + ",target=/t cat /t/x > /x\n";

        PinStep.Pins pins = step.pin(fixtures.context(task(), Map.of()), analysed(file, Engine.BUILDAH));

        assertThat(pins.copies()).containsExactly(Map.entry(2, ImageReference.parse(TOOLS).withDigest(TOOLS_NOW)));
        assertThat(fixtures.log).anySatisfy(line -> assertThat(line).endsWith("(stage 0, RUN --mount line 2)"));
    }

    @Test
    void shouldPinOnlyTheRuntimeBaseForJib() throws Exception {
        String file = "FROM " + TOOLS + " AS tools\nFROM " + BASE + "\nCOPY a /a\n";

        PinStep.Pins pins = step.pin(fixtures.context(task(), Map.of()), analysed(file, Engine.JIB));

        assertThat(heads).containsExactly(ImageReference.parse(BASE));
        assertThat(pins.resolved()).containsOnlyKeys(BASE);
    }

    @Test
    void shouldFailTheRunWhenABaseDoesNotExist() {
        assertThatThrownBy(() -> step.pin(fixtures.context(task(), Map.of()),
                analysed("FROM 127.0.0.1:5001/gone:1\nCOPY a /a\n", Engine.JIB)))
                .isInstanceOf(StepFailure.class)
                .hasMessage("base image 127.0.0.1:5001/gone:1 does not exist");
    }

    @Test
    void shouldPinARebaseTasksImageAndBase() throws Exception {
        PinStep.RebasePins pins = step.pinRebase(fixtures.context(StepFixtures.rebaseTask(TOOLS, BASE),
                Map.of(BASE, BASE_PINNED.toString())));

        assertThat(pins.image()).isEqualTo(ImageReference.parse(TOOLS).withDigest(TOOLS_NOW));
        assertThat(pins.base()).isEqualTo(ImageReference.parse(BASE).withDigest(BASE_PINNED));
        assertThat(pins.resolved()).containsOnlyKeys(TOOLS, BASE);
    }

    @Test
    void shouldFailARebaseWhenTheImageDoesNotExist() {
        assertThatThrownBy(() -> step.pinRebase(fixtures.context(
                StepFixtures.rebaseTask("127.0.0.1:5001/gone:1", BASE), Map.of())))
                .isInstanceOf(StepFailure.class)
                .hasMessage("image 127.0.0.1:5001/gone:1 does not exist");
    }
}
