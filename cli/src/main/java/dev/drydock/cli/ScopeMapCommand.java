package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scope-map", mixinStandardHelpOptions = true,
        description = "What repository-scoped tokens may do, repository by repository (az acr scope-map).",
        subcommands = {ScopeMapCommand.Create.class, ScopeMapCommand.Update.class, ScopeMapCommand.ListMaps.class,
                ScopeMapCommand.Show.class, ScopeMapCommand.Delete.class})
final class ScopeMapCommand {

    static final String ACTIONS = "content/read, content/write, content/delete, metadata/read, metadata/write";

    @Command(name = "create", mixinStandardHelpOptions = true, description = "A new scope map.",
            footer = {"", "Actions: " + ACTIONS + ".", "", "Examples:",
                    "  drydock scope-map create -n team-a --repository 'team-a/*' content/read content/write \\",
                    "      --repository shared/base content/read --description 'team A CI'"})
    static final class Create extends Action {

        @Mixin
        Name name;

        @Option(names = "--repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryLines.class,
                description = "a repository (or prefix wildcard team/*) and its actions (repeatable)")
        List<RepositoryLines.Line> repositories;

        @Option(names = "--description")
        String description;

        @Override
        public Integer call() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", name.get());
            if (description != null) {
                body.put("description", description);
            }
            ArrayNode lines = body.putArray("repositories");
            if (repositories != null) {
                repositories.forEach(line -> add(lines, line.repository(), line.actions()));
            }
            return print(api().post("/api/v1/scope-maps", body));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Add actions to repositories, or remove them; a repository left with none is dropped.",
            footer = {"", "Examples:", "  drydock scope-map update team-a --add-repository team-b/app content/read",
                    "  drydock scope-map update team-a --remove-repository 'team-a/*' content/write"})
    static final class Update extends Action {

        @Mixin
        Name name;

        @Option(names = "--add-repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryLines.class)
        List<RepositoryLines.Line> add;

        @Option(names = "--remove-repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryLines.class)
        List<RepositoryLines.Line> remove;

        @Option(names = "--description")
        String description;

        @Override
        public Integer call() {
            String path = "/api/v1/scope-maps/" + segment(name.get());
            ObjectNode patch = Api.JSON.createObjectNode();
            if (description != null) {
                patch.put("description", description);
            }
            if (add != null || remove != null) {
                Map<String, Set<String>> lines = new LinkedHashMap<>();
                for (JsonNode line : api().get(path).path("repositories")) {
                    Set<String> actions = lines.computeIfAbsent(line.path("repository").asText(), r -> new LinkedHashSet<>());
                    line.path("actions").forEach(a -> actions.add(a.asText()));
                }
                for (RepositoryLines.Line line : add == null ? List.<RepositoryLines.Line>of() : add) {
                    lines.computeIfAbsent(line.repository(), r -> new LinkedHashSet<>()).addAll(line.actions());
                }
                for (RepositoryLines.Line line : remove == null ? List.<RepositoryLines.Line>of() : remove) {
                    Set<String> actions = lines.get(line.repository());
                    if (actions == null) {
                        throw new CliException("--remove-repository: scope map " + name.get() + " has no line for "
                                + line.repository(), 2);
                    }
                    line.actions().forEach(actions::remove);
                    if (actions.isEmpty()) {
                        lines.remove(line.repository());
                    }
                }
                ArrayNode repositories = patch.putArray("repositories");
                lines.forEach((repository, actions) -> add(repositories, repository, new ArrayList<>(actions)));
            }
            if (patch.isEmpty()) {
                throw new CliException("nothing to change: give --add-repository, --remove-repository or --description", 2);
            }
            return print(api().patch(path, patch));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Scope maps by name.")
    static final class ListMaps extends Action {

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path("/api/v1/scope-maps")));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One scope map.")
    static final class Show extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            return print(api().get("/api/v1/scope-maps/" + segment(name.get())));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a scope map no token uses.")
    static final class Delete extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            api().delete("/api/v1/scope-maps/" + segment(name.get()));
            return 0;
        }
    }

    private static void add(ArrayNode lines, String repository, List<String> actions) {
        ObjectNode line = lines.addObject().put("repository", repository);
        ArrayNode list = line.putArray("actions");
        actions.forEach(list::add);
    }
}
