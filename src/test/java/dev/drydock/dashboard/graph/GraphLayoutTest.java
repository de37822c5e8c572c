package dev.drydock.dashboard.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    private static GraphLayout.Input image(String id) {
        return new GraphLayout.Input(id, false, id);
    }

    private static GraphLayout.Input task(String id) {
        return new GraphLayout.Input(id, true, id);
    }

    @Test
    void shouldPutBasesTasksAndImagesInAlternatingColumns() {
        GraphLayout.Layout layout = new GraphLayout()
                .node(image("jre")).node(task("app-base")).node(image("app-base:1")).node(task("app"))
                .edge("jre", "app-base").edge("app-base", "app-base:1").edge("app-base:1", "app")
                .layout();
        Map<String, GraphLayout.Placed> n = layout.nodes();
        assertThat(n.get("jre").column()).isZero();
        assertThat(n.get("app-base").column()).isEqualTo(1);
        assertThat(n.get("app-base:1").column()).isEqualTo(2);
        assertThat(n.get("app").column()).isEqualTo(3);
        assertThat(layout.routes()).hasSize(3).allSatisfy(r -> assertThat(r.path()).startsWith("M"));
        assertThat(layout.width()).isEqualTo(2 * GraphLayout.MARGIN + 4 * GraphLayout.NODE_WIDTH + 3 * GraphLayout.COLUMN_GAP);
    }

    @Test
    void shouldPlaceATaskRightOfItsRightmostInput() {
        GraphLayout.Layout layout = new GraphLayout()
                .node(image("jre")).node(task("base")).node(image("base:1")).node(task("app")).node(task("scratch"))
                .edge("jre", "base").edge("base", "base:1").edge("base:1", "app").edge("jre", "app")
                .layout();
        assertThat(layout.nodes().get("app").column()).isEqualTo(3);
        assertThat(layout.nodes().get("scratch").column()).as("a task FROM nothing").isEqualTo(1);
    }

    @Test
    void shouldOrderAColumnByItsInputsSoThatEdgesDoNotCross() {
        // Sorted by name the tasks would be b-task above a-task's row; their inputs say otherwise.
        GraphLayout.Layout layout = new GraphLayout()
                .node(image("a")).node(image("b")).node(new GraphLayout.Input("t1", true, "z"))
                .node(new GraphLayout.Input("t2", true, "y"))
                .edge("a", "t1").edge("b", "t2")
                .layout();
        assertThat(layout.nodes().get("t1").y()).isLessThan(layout.nodes().get("t2").y());
    }

    @Test
    void shouldSurviveACycleAndRejectUnknownNodes() {
        GraphLayout.Layout layout = new GraphLayout().node(image("i")).node(task("t")).edge("i", "t").edge("t", "i").layout();
        assertThat(layout.nodes()).hasSize(2);
        assertThatThrownBy(() -> new GraphLayout().node(image("i")).edge("i", "nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLayOutNothingAsAnEmptyPicture() {
        GraphLayout.Layout layout = new GraphLayout().layout();
        assertThat(layout.nodes()).isEmpty();
        assertThat(layout.width()).isEqualTo(2 * GraphLayout.MARGIN);
    }
}
