package dev.drydock.rebuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import dev.drydock.graph.buildfile.ImageRecipe.FileCopy;
import dev.drydock.graph.buildfile.ImageRecipe.FileProperties;
import dev.drydock.graph.buildfile.ImageRecipe.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlannerTest {

    @TempDir
    Path root;

    private Path context;

    @BeforeEach
    void context() throws IOException {
        context = Files.createDirectories(root.resolve("context"));
        write("web/index.html");
        write("web/css/site.css");
        write("web/node_modules/lib/x.js");
        write("web/notes.tmp");
        write("one.txt");
        write("two.txt");
        write("run.sh");
        Files.setPosixFilePermissions(context.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(root.resolve("outside.txt"), "secret");
    }

    @Test
    void shouldCopyADirectorysContentsIntoDestWithoutExcludedPaths() throws Exception {
        Map<String, FileEntry> entries = plan(copy("web", "/srv/www", List.of(), List.of("**/node_modules/", "*.tmp")));

        assertThat(entries.keySet()).containsExactlyInAnyOrder("/srv/www", "/srv/www/index.html", "/srv/www/css",
                "/srv/www/css/site.css");
        assertThat(entries.get("/srv/www/css").getPermissions().toOctalString()).isEqualTo("755");
        assertThat(entries.get("/srv/www/index.html").getPermissions().toOctalString()).isEqualTo("644");
    }

    @Test
    void shouldCopyOnlyIncludedFilesWithTheirParentDirectories() throws Exception {
        Map<String, FileEntry> entries = plan(copy("web", "/srv/www", List.of("**/*.css"), List.of()));

        assertThat(entries.keySet()).containsExactlyInAnyOrder("/srv/www", "/srv/www/css", "/srv/www/css/site.css");
    }

    @Test
    void shouldPutEveryWildcardMatchIntoTheDestinationDirectory() throws Exception {
        Map<String, FileEntry> entries = plan(copy("*.txt", "/data", List.of(), List.of()));

        assertThat(entries.keySet()).containsExactlyInAnyOrder("/data/one.txt", "/data/two.txt");
    }

    @Test
    void shouldTreatAFileDestWithoutSlashAsTheFileAndARelativeDestAsUnderTheWorkingDirectory() throws Exception {
        assertThat(plan(copy("one.txt", "/etc/app.conf", List.of(), List.of())).keySet())
                .containsExactly("/etc/app.conf");
        assertThat(plan(copy("one.txt", "conf/", List.of(), List.of())).keySet())
                .containsExactly("/home/app/conf/one.txt");
        assertThat(plan(copy("one.txt", "$HOME/", List.of(), List.of())).keySet())
                .containsExactly("/home/app/one.txt");
    }

    @Test
    void shouldKeepTheExecutableBitUnlessPermissionsAreSet() throws Exception {
        assertThat(plan(copy("run.sh", "/bin/", List.of(), List.of())).get("/bin/run.sh").getPermissions()
                .toOctalString()).isEqualTo("755");

        FileProperties fixed = new FileProperties(Optional.of("700"), Optional.empty(), Optional.of("app"),
                Optional.of("staff"), Optional.of("2024-05-01T12:00:00Z"));
        FileEntry entry = plan(new FileCopy("run.sh", "/bin/", List.of(), List.of(), fixed)).get("/bin/run.sh");
        assertThat(entry.getPermissions().toOctalString()).isEqualTo("700");
        assertThat(entry.getOwnership()).isEqualTo("app:staff");
        assertThat(entry.getModificationTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    @Test
    void shouldRefuseSourcesOutsideTheContext() throws Exception {
        Files.createSymbolicLink(context.resolve("web/leak.txt"), root.resolve("outside.txt"));

        assertThat(badRecipe(copy("../outside.txt", "/x", List.of(), List.of()))).contains("outside the build context");
        assertThat(badRecipe(copy("web", "/x", List.of(), List.of()))).contains("web/leak.txt");
        assertThat(badRecipe(copy("missing/", "/x", List.of(), List.of()))).contains("does not exist");
        assertThat(badRecipe(copy("*.none", "/x", List.of(), List.of()))).contains("no file");
    }

    private String badRecipe(FileCopy copy) {
        BuildException thrown = catchThrowableOfType(BuildException.class, () -> plan(copy));
        assertThat(thrown.kind()).isEqualTo(BuildException.Kind.BAD_RECIPE);
        return thrown.getMessage();
    }

    private Map<String, FileEntry> plan(FileCopy copy) throws BuildException {
        LayerPlanner planner = new LayerPlanner(new ContextSources(context), Map.of("HOME", "/home/app"), "/home/app");
        var layers = planner.plan(List.of(new Layer("test", List.of(copy))), new StepLog(m -> { }, Set.of()));
        Map<String, FileEntry> entries = new LinkedHashMap<>();
        layers.get(0).getEntries().forEach(e -> entries.put(e.getExtractionPath().toString(), e));
        return entries;
    }

    private static FileCopy copy(String src, String dest, List<String> includes, List<String> excludes) {
        return new FileCopy(src, dest, includes, excludes, FileProperties.DEFAULTS);
    }

    private void write(String path) throws IOException {
        Path file = context.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
    }
}
