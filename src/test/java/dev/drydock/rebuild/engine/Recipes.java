package dev.drydock.rebuild.engine;

import dev.drydock.graph.buildfile.BuildFileAnalysis;
import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.ImageRecipe;
import java.util.Map;
import java.util.Optional;

/** Recipes the way drydock gets them: from a build file, through the analyzer. */
final class Recipes {

    private Recipes() {
    }

    static ImageRecipe jibYaml(String content) {
        return recipe(BuildFileKind.JIB_YAML, content);
    }

    static ImageRecipe dockerfile(String content) {
        return recipe(BuildFileKind.DOCKERFILE, content);
    }

    private static ImageRecipe recipe(BuildFileKind kind, String content) {
        BuildFileAnalysis analysis = new BuildFileAnalyzer().analyze(kind, content, Map.of(), Optional.empty());
        return analysis.recipe().orElseThrow(() -> new AssertionError("not buildable: " + analysis.problems()));
    }
}
