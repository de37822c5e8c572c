package dev.drydock.registry;

import java.util.List;

/** Token scopes (distribution token spec): {@code repository:<name>:<actions>}. */
final class Scopes {

    private Scopes() {
    }

    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    /** Push to {@code target}, and read {@code from} so that the registry may mount its blob. */
    static List<String> mount(String target, String from) {
        return List.of("repository:" + target + ":pull,push", "repository:" + from + ":pull");
    }
}
