package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The graph page: the laid-out picture, the choice of base or task to focus on, and what a change of the selected
 * image would rebuild.
 *
 * @param base the selected image as typed, empty when none
 * @param notice why less than everything is drawn, or null
 * @param anything whether any task or base exists
 */
@TemplateData
public record GraphView(List<Node> nodes, List<Line> lines, String width, String height, List<Option> tasks,
        Selection selection, List<TaskRow> table, String base, String notice, boolean anything) {

    /** A box of the picture. {@code kind} is image or task. */
    @TemplateData
    public record Node(String kind, String label, String sublabel, String title, String href, String cssClass,
            String x, String y, String textX, String labelY, String subY, String width, String height) {}

    /** An edge of the picture. */
    @TemplateData
    public record Line(String path, String cssClass) {}

    /** A selected image and the tasks its change would rebuild, nearest first. */
    @TemplateData
    public record Selection(String reference, String label, String basesHref, List<Rebuild> rebuilds) {}

    /** One task a change would rebuild, with the chain that leads to it. */
    @TemplateData
    public record Rebuild(String task, int depth, boolean runtime, String via) {

        /** Tasks between the image and this one. */
        public int through() {
            return depth - 1;
        }
    }

    public boolean empty() {
        return nodes.isEmpty();
    }
}
