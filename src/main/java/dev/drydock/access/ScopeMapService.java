package dev.drydock.access;

import dev.drydock.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Scope maps: created, listed, changed and deleted (409 while a token uses one). */
@ApplicationScoped
public class ScopeMapService {

    static final int MAX_RULES = 500;
    static final int MAX_DESCRIPTION = 512;

    /** A scope-map line as the API sends it: actions by their wire names. */
    public record RuleInput(String repository, List<String> actions) {}

    @Inject
    AccessState state;

    @Transactional
    public ScopeMap create(String name, String description, List<RuleInput> repositories) {
        Names.check("name", name);
        String checkedDescription = checkDescription(description);
        List<ScopeRule> rules = checkRules(repositories);
        if (ScopeMapEntity.findByIdOptional(name).isPresent()) {
            throw ProblemException.conflict("scope map '" + name + "' already exists");
        }
        ScopeMapEntity entity = new ScopeMapEntity();
        entity.name = name;
        entity.description = checkedDescription;
        entity.repositories = rules.stream().map(ScopeMapEntity::stored).toList();
        entity.created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entity.persistAndFlush();
        state.changed();
        return entity.toScopeMap();
    }

    @Transactional
    public List<ScopeMap> list() {
        return ScopeMapEntity.listByName().stream().map(ScopeMapEntity::toScopeMap).toList();
    }

    @Transactional
    public Optional<ScopeMap> find(String name) {
        return ScopeMapEntity.<ScopeMapEntity>findByIdOptional(name).map(ScopeMapEntity::toScopeMap);
    }

    /** Replaces what is given (non-null); the rest stays. */
    @Transactional
    public ScopeMap change(String name, Optional<String> description, Optional<List<RuleInput>> repositories) {
        ScopeMapEntity entity = ScopeMapEntity.<ScopeMapEntity>findByIdOptional(name)
                .orElseThrow(() -> ProblemException.notFound("scope map", name));
        String newDescription = description.map(ScopeMapService::checkDescription).orElse(entity.description);
        List<ScopeRule> rules = repositories.map(ScopeMapService::checkRules).orElse(null);
        entity.description = newDescription;
        if (rules != null) {
            entity.repositories = rules.stream().map(ScopeMapEntity::stored).toList();
        }
        state.changed();
        return entity.toScopeMap();
    }

    /** True when it existed; 409 while a token uses it. */
    @Transactional
    public boolean delete(String name) {
        long users = TokenEntity.countUsing(name);
        if (users > 0) {
            throw ProblemException.conflict("scope map '" + name + "' is used by " + users
                    + " token(s): give them another scope map or delete them first");
        }
        boolean deleted = ScopeMapEntity.deleteById(name);
        state.changed();
        return deleted;
    }

    private static String checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ProblemException.badRequest("description", "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    static List<ScopeRule> checkRules(List<RuleInput> repositories) {
        if (repositories == null || repositories.isEmpty()) {
            throw ProblemException.badRequest("repositories", "repositories must list at least one "
                    + "{\"repository\": \"team-a/*\", \"actions\": [\"content/read\"]}");
        }
        if (repositories.size() > MAX_RULES) {
            throw ProblemException.badRequest("repositories", "repositories must list at most " + MAX_RULES + " entries");
        }
        List<ScopeRule> rules = new ArrayList<>();
        for (int i = 0; i < repositories.size(); i++) {
            String field = "repositories[" + i + "]";
            RuleInput input = repositories.get(i);
            if (input == null) {
                throw ProblemException.badRequest(field, field + " must be an object with repository and actions");
            }
            String problem = ScopeRule.problemWith(input.repository());
            if (problem != null) {
                throw ProblemException.badRequest(field + ".repository", problem);
            }
            rules.add(new ScopeRule(input.repository(), actions(field + ".actions", input.actions())));
        }
        return rules;
    }

    private static Set<RepositoryAction> actions(String field, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ProblemException.badRequest(field, "actions must list at least one of " + wireNames());
        }
        Set<RepositoryAction> actions = EnumSet.noneOf(RepositoryAction.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            RepositoryAction action = null;
            for (RepositoryAction a : RepositoryAction.values()) {
                if (a.wire().equals(name)) {
                    action = a;
                }
            }
            if (action == null) {
                throw ProblemException.badRequest(field + "[" + i + "]", "'" + name + "' is not an action; actions are "
                        + wireNames());
            }
            actions.add(action);
        }
        return actions;
    }

    private static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(RepositoryAction.values()).map(RepositoryAction::wire).toList());
    }
}
