package dev.drydock.rebuild.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.task.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyseStepTest {

    private final StepFixtures fixtures = new StepFixtures();
    private final AnalyseStep step = new AnalyseStep(new BuildFileAnalyzer(), null);

    @TempDir
    Path context;

    @Test
    void shouldChooseJibForAFileJibExpressesAndLogTheReason() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:5001/base:1\nCOPY a /a\n");

        AnalyseStep.Analysed analysed = step.analyse(fixtures.context(StepFixtures.inlineTask("Dockerfile", null),
                Map.of()), context);

        assertThat(analysed.engine().engine()).isEqualTo(Engine.JIB);
        assertThat(analysed.buildah()).isFalse();
        assertThat(fixtures.log).singleElement().asString().startsWith("engine: jib (");
    }

    @Test
    void shouldChooseBuildahForRunAndKeepTheFileAsReadAtTheCommit() throws Exception {
        String file = "FROM 127.0.0.1:5001/base:1\nRUN echo hi > /x\n";
        Files.writeString(context.resolve("Dockerfile"), file);

        AnalyseStep.Analysed analysed = step.analyse(fixtures.context(StepFixtures.inlineTask("Dockerfile", null),
                Map.of()), context);

        assertThat(analysed.buildah()).isTrue();
        assertThat(analysed.buildFile()).isEqualTo(file);
        assertThat(fixtures.log).singleElement().asString().startsWith("engine: buildah (");
    }

    @Test
    void shouldFailTheRunWhenTheBuildFileIsNotInTheSource() {
        assertThatThrownBy(() -> step.analyse(fixtures.context(StepFixtures.inlineTask("Dockerfile", null), Map.of()),
                context))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.status()).isEqualTo(RunStatus.Failed))
                .hasMessage("build file Dockerfile not found in the source");
    }

    @Test
    void shouldFailTheRunWithTheLineOfASyntaxError() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:5001/base:1\nCOPY\n");

        assertThatThrownBy(() -> step.analyse(fixtures.context(StepFixtures.inlineTask("Dockerfile", null), Map.of()),
                context))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("Dockerfile line 2: ");
    }

    @Test
    void shouldFailTheRunWhenTheForcedEngineCannotBuildTheFileAsItIsNow() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:5001/base:1\nRUN echo hi\n");

        assertThatThrownBy(() -> step.analyse(fixtures.context(StepFixtures.inlineTask("Dockerfile", "jib"), Map.of()),
                context))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("the build file cannot be built here: ");
        assertThat(fixtures.log).isEmpty();
    }
}
