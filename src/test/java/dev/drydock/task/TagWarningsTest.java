package dev.drydock.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagWarningsTest {

    @ParameterizedTest(name = "{0} warns, offering {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:5000/team/app:{{git.short}}       | {{git.short}}-{{run.id}}",
        "127.0.0.1:5000/team/app:{{ git.commit }}    | {{ git.commit }}-{{run.id}}",
        "127.0.0.1:5000/team/app:{{date}}            | {{date}}-{{run.id}}",
        "127.0.0.1:5000/team/app:1.4.2               | 1.4.2-{{run.id}}",
        "127.0.0.1:5000/team/app:v2.0.0-rc1          | {{git.short}}-{{run.id}}",
    })
    void shouldWarnAboutATagARebuildOverwritesAndOfferOnePerBuild(String image, String offered) {
        List<String> warnings = TagWarnings.of(spec(image));

        assertThat(warnings).singleElement().asString().startsWith("images[1]: ").contains(offered);
    }

    @ParameterizedTest(name = "{0} does not warn")
    @ValueSource(strings = {
        "127.0.0.1:5000/team/app:latest",
        "127.0.0.1:5000/team/app",
        "127.0.0.1:5000/team/app:1.4",
        "127.0.0.1:5000/team/app:main",
        "127.0.0.1:5000/team/app:{{git.short}}-{{run.id}}",
        "127.0.0.1:5000/team/app:{{run.id}}",
    })
    void shouldNotWarnAboutMovingOrPerBuildTags(String image) {
        assertThat(TagWarnings.of(spec(image))).isEmpty();
    }

    private static TaskSpec spec(String image) {
        return new TaskSpec("app", null, "Dockerfile", Map.of(), List.of("127.0.0.1:5000/team/app:latest", image),
                List.of(), null, null, 600, null, null, null, null, null);
    }
}
