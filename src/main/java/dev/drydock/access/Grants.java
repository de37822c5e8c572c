package dev.drydock.access;

import java.util.ArrayList;
import java.util.List;

/**
 * What a caller gets of the scopes it asked for: the intersection with what it may do. Granting less than was
 * asked is not an error (the registry refuses the request the missing action was for). Registry actions map to
 * scope-map actions: {@code pull} needs content/read or metadata/read (the front tells tags from blobs),
 * {@code push} content/write, {@code delete} content/delete; {@code *} stands for the three. The catalog
 * ({@code registry:catalog:*}) needs metadata/read somewhere; the front filters its body per repository.
 * A wildcard rule is granted as the names asked for: tokens name repositories exactly.
 */
public final class Grants {

    /** What one caller may do now. */
    public interface Permissions {
        boolean allows(String repository, RepositoryAction action);

        boolean catalog();
    }

    private Grants() {}

    public static List<Scope> of(List<Scope> asked, Permissions permissions) {
        List<Scope> granted = new ArrayList<>();
        for (Scope scope : asked) {
            List<String> actions = scope.type().equals(Scope.REPOSITORY) ? repository(scope, permissions)
                    : scope.type().equals(Scope.REGISTRY) && scope.name().equals(Scope.CATALOG) && permissions.catalog()
                            ? scope.actions().stream().filter(a -> a.equals("*")).toList()
                            : List.of();
            if (!actions.isEmpty()) {
                granted.add(scope.withActions(actions));
            }
        }
        return granted;
    }

    private static List<String> repository(Scope scope, Permissions p) {
        String name = scope.name();
        boolean pull = p.allows(name, RepositoryAction.CONTENT_READ) || p.allows(name, RepositoryAction.METADATA_READ);
        boolean push = p.allows(name, RepositoryAction.CONTENT_WRITE);
        boolean delete = p.allows(name, RepositoryAction.CONTENT_DELETE);
        List<String> actions = new ArrayList<>();
        for (String action : scope.actions()) {
            switch (action) {
                case "pull" -> add(actions, "pull", pull);
                case "push" -> add(actions, "push", push);
                case "delete" -> add(actions, "delete", delete);
                case "*" -> {
                    if (pull && push && delete) {
                        add(actions, "*", true);
                    } else {
                        add(actions, "pull", pull);
                        add(actions, "push", push);
                        add(actions, "delete", delete);
                    }
                }
                default -> { } // an action this registry does not know is never granted
            }
        }
        return actions;
    }

    private static void add(List<String> actions, String action, boolean allowed) {
        if (allowed && !actions.contains(action)) {
            actions.add(action);
        }
    }
}
