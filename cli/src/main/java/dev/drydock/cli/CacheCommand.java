package dev.drydock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Cache rules: an upstream repository served from the private registry, kept fresh (az acr cache).",
        subcommands = {CacheCommand.Create.class, CacheCommand.ListRules.class, CacheCommand.Show.class,
                CacheCommand.Update.class, CacheCommand.Delete.class})
final class CacheCommand {

    static final String PATH = "/api/v1/cache-rules";

    /** The options create and update share; update sends only those given. */
    static final class Fields {

        @Option(names = {"--cred-set", "--credential-set"}, paramLabel = "NAME",
                description = "the credential set drydock signs in to upstream with (a Docker Hub access token)")
        String credentialSet;

        @Option(names = "--refresh", paramLabel = "DURATION",
                description = "how often a cached tag is re-checked upstream at most, e.g. PT1M (ISO-8601)")
        String refresh;

        @Option(names = "--sync-include", paramLabel = "REGEX", description = "tags imported as they appear upstream")
        String syncInclude;

        @Option(names = "--sync-exclude", paramLabel = "REGEX", description = "tags never synced")
        String syncExclude;

        @Option(names = "--sync-semver", paramLabel = "RANGE", description = "only tags in this range, e.g. '>=1.25 <2'")
        String syncSemver;

        void into(ObjectNode body) {
            if (credentialSet != null) {
                body.put("credentialSet", credentialSet);
            }
            if (refresh != null) {
                body.put("refresh", refresh);
            }
            if (syncInclude != null || syncExclude != null || syncSemver != null) {
                ObjectNode sync = body.putObject("syncTags");
                if (syncInclude != null) {
                    sync.put("include", syncInclude);
                }
                if (syncExclude != null) {
                    sync.put("exclude", syncExclude);
                }
                if (syncSemver != null) {
                    sync.put("semver", syncSemver);
                }
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "A new cache rule.",
            footer = {"", "Examples:",
                    "  drydock cache create -n nginx --source-repo docker.io/library/nginx \\",
                    "      --target-repo cache/nginx",
                    "  drydock cache create -n library --source-repo 'docker.io/library/*' \\",
                    "      --target-repo 'cache/library/*' --cred-set hub --refresh PT5M \\",
                    "      --sync-include '^1\\.2[0-9]' --sync-semver '>=1.25 <2'"})
    static final class Create extends Action {

        @Mixin
        Name name;

        @Option(names = "--source-repo", required = true, paramLabel = "REPO",
                description = "the upstream repository, or a prefix wildcard: docker.io/library/*")
        String source;

        @Option(names = "--target-repo", required = true, paramLabel = "REPO",
                description = "where it is cached in the private registry: cache/nginx, or cache/library/*")
        String target;

        @Mixin
        Fields fields;

        @Override
        public Integer call() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", name.get()).put("source", source).put("target", target);
            fields.into(body);
            return print(api().post(PATH, body));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a rule's credentials, refresh or sync.",
            footer = {"", "Examples:", "  drydock cache update nginx --refresh PT10M --sync-include '^1\\.27'"})
    static final class Update extends Action {

        @Mixin
        Name name;

        @Mixin
        Fields fields;

        @Override
        public Integer call() {
            ObjectNode patch = Api.JSON.createObjectNode();
            fields.into(patch);
            if (patch.isEmpty()) {
                throw new CliException("nothing to change: give --cred-set, --refresh or a --sync-* option", 2);
            }
            return print(api().patch(PATH + "/" + segment(name.get()), patch));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Cache rules by name.")
    static final class ListRules extends Action {

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            return printItems(api().get(paging.path(PATH)));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One rule: its cached tags, last upstream check and error, hits and misses.")
    static final class Show extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            return print(api().get(PATH + "/" + segment(name.get())));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove a rule (what it cached stays in the private registry).")
    static final class Delete extends Action {

        @Mixin
        Name name;

        @Override
        public Integer call() {
            api().delete(PATH + "/" + segment(name.get()));
            return 0;
        }
    }
}
