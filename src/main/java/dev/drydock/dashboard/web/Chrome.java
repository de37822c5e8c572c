package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.Viewer;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What every page's frame needs: its title, the navigation with the current entry marked, and who is looking
 * (an admin sees the buttons; a read-only viewer sees why there are none).
 */
@TemplateData
public record Chrome(String title, List<NavItem> nav, boolean signedIn, boolean admin, String roleLabel) {

    /** The sections, in the order the header lists them: id, label, path. */
    private static final List<String[]> SECTIONS = List.of(
            new String[] {"pending", "Pending", "/"},
            new String[] {"runs", "Runs", "/runs"},
            new String[] {"bases", "Bases", "/bases"},
            new String[] {"graph", "Graph", "/graph"},
            new String[] {"tasks", "Tasks", "/tasks"},
            new String[] {"imports", "Imports", "/imports"},
            new String[] {"cache", "Cache", "/cache"});

    /** @param section id of the current section, or null */
    public static Chrome of(Viewer viewer, String title, String section) {
        boolean signedIn = viewer.role().isPresent();
        List<NavItem> nav = signedIn ? SECTIONS.stream().map(s -> new NavItem(s[1], s[2], s[0].equals(section))).toList()
                : List.of();
        String role = viewer.role().map(r -> switch (r) {
            case ADMIN -> "admin";
            case READ -> "read-only";
        }).orElse("");
        return new Chrome(title, nav, signedIn, viewer.admin(), role);
    }
}
