package dev.drydock.access.rest;

import dev.drydock.access.RepositoryAction;
import dev.drydock.access.ScopeMapService;
import dev.drydock.access.ScopeRule;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One repository line of a scope map: exact ({@code team-a/app}) or a prefix wildcard ({@code team-a/*}). */
public record ScopeMapLine(
        @Schema(description = "A repository, or a prefix wildcard such as team-a/*", examples = "team-a/*") String repository,
        @Schema(description = "Any of content/read, content/write, content/delete, metadata/read, metadata/write")
        List<String> actions) {

    static ScopeMapLine of(ScopeRule rule) {
        return new ScopeMapLine(rule.repository(), rule.actions().stream().sorted().map(RepositoryAction::wire).toList());
    }

    static List<ScopeMapService.RuleInput> inputs(List<ScopeMapLine> lines) {
        return lines == null ? null
                : lines.stream().map(l -> l == null ? null : new ScopeMapService.RuleInput(l.repository(), l.actions())).toList();
    }
}
