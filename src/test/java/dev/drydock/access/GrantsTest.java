package dev.drydock.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scope parsing and the intersection of what was asked with what a scope map allows. */
class GrantsTest {

    static final ScopeMap TEAM_A = new ScopeMap("team-a", null, List.of(
            new ScopeRule("team-a/*", Set.of(RepositoryAction.CONTENT_READ, RepositoryAction.CONTENT_WRITE)),
            new ScopeRule("shared/base", Set.of(RepositoryAction.METADATA_READ))), null);

    static Grants.Permissions of(ScopeMap map) {
        return new Grants.Permissions() {
            public boolean allows(String repository, RepositoryAction action) {
                return map.allows(repository, action);
            }

            public boolean catalog() {
                return map.allowsAnywhere(RepositoryAction.METADATA_READ);
            }
        };
    }

    static List<String> grant(String... scopes) {
        return Grants.of(Scope.parseAll(List.of(scopes)), of(TEAM_A)).stream().map(Scope::toString).toList();
    }

    @Test
    void shouldParseNamesHoldingAHostAndPort() {
        assertThat(Scope.parse("repository:127.0.0.1:5000/team/app:pull,push")).hasValueSatisfying(s -> {
            assertThat(s.type()).isEqualTo("repository");
            assertThat(s.name()).isEqualTo("127.0.0.1:5000/team/app");
            assertThat(s.actions()).containsExactly("pull", "push");
        });
        assertThat(Scope.parse("nonsense")).isEmpty();
        assertThat(Scope.parse("repository:x:")).isEmpty();
    }

    @Test
    void shouldSplitSeveralScopesInOneParameter() {
        assertThat(Scope.parseAll(List.of("repository:a/b:pull repository:c/d:push", "registry:catalog:*")))
                .extracting(Scope::name).containsExactly("a/b", "c/d", "catalog");
    }

    @Test
    void shouldGrantTheIntersectionAndLeaveOutScopesWithNothingGranted() {
        assertThat(grant("repository:team-a/app:pull,push,delete")).containsExactly("repository:team-a/app:pull,push");
        assertThat(grant("repository:team-b/app:pull,push")).isEmpty();
        assertThat(grant("repository:team-a/app:*")).containsExactly("repository:team-a/app:pull,push");
    }

    @Test
    void shouldExpandAWildcardRuleToTheNamesAskedFor() {
        assertThat(grant("repository:team-a/one:pull", "repository:team-a/two/deep:pull"))
                .containsExactly("repository:team-a/one:pull", "repository:team-a/two/deep:pull");
        assertThat(grant("repository:team-a:pull")).as("the prefix itself is not below it").isEmpty();
        assertThat(grant("repository:team-ab/app:pull")).as("a longer name is not below the prefix").isEmpty();
    }

    @Test
    void shouldGrantPullForTagListsAndTheCatalogForMetadataRead() {
        assertThat(grant("repository:shared/base:pull,push")).containsExactly("repository:shared/base:pull");
        assertThat(grant("registry:catalog:*")).containsExactly("registry:catalog:*");
        ScopeMap writeOnly = new ScopeMap("w", null, List.of(new ScopeRule("w/*", Set.of(RepositoryAction.CONTENT_WRITE))), null);
        assertThat(Grants.of(Scope.parseAll(List.of("registry:catalog:*")), of(writeOnly))).isEmpty();
    }

    @Test
    void shouldNeverGrantUnknownActionsOrTypes() {
        assertThat(grant("repository:team-a/app:pull,launch", "plugin:team-a/app:pull"))
                .containsExactly("repository:team-a/app:pull");
    }

    @Test
    void shouldAcceptExactNamesAndPrefixWildcardsOnly() {
        assertThat(ScopeRule.problemWith("team-a/app")).isNull();
        assertThat(ScopeRule.problemWith("team-a/*")).isNull();
        assertThat(ScopeRule.problemWith("*")).isNotNull();
        assertThat(ScopeRule.problemWith("team-*/app")).isNotNull();
        assertThat(ScopeRule.problemWith("Team/App")).isNotNull();
        assertThat(ScopeRule.problemWith("")).isNotNull();
    }
}
