package dev.drydock.dashboard.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a directed acyclic graph out in columns, left to right: a node with no inputs in column 0 (images) or 1
 * (tasks), every other node one column right of its rightmost input, so images and tasks alternate. Within a
 * column nodes are ordered by the average row of their neighbours (a few barycentre sweeps), which keeps most
 * edges short and uncrossed. Positions are in SVG user units.
 */
public final class GraphLayout {

    public static final int NODE_WIDTH = 236;
    public static final int NODE_HEIGHT = 46;
    static final int COLUMN_GAP = 64;
    static final int ROW_GAP = 18;
    static final int MARGIN = 16;
    static final int SWEEPS = 4;

    /** A node to place; {@code task} nodes can only take odd columns, images even ones. */
    public record Input(String id, boolean task, String sortKey) {}

    /** A placed node: top-left corner. */
    public record Placed(String id, int column, double x, double y) {}

    /** A placed edge: an SVG path from the right side of {@code from} to the left side of {@code to}. */
    public record Route(String from, String to, String path) {}

    public record Layout(Map<String, Placed> nodes, List<Route> routes, double width, double height) {}

    private final Map<String, Input> nodes = new LinkedHashMap<>();
    private final Map<String, Set<String>> inputs = new HashMap<>();
    private final Map<String, Set<String>> outputs = new HashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    public GraphLayout node(Input node) {
        nodes.putIfAbsent(node.id(), node);
        return this;
    }

    /** An edge between two nodes added before; a repeated edge is kept once. */
    public GraphLayout edge(String from, String to) {
        if (!nodes.containsKey(from) || !nodes.containsKey(to) || from.equals(to)) {
            throw new IllegalArgumentException("edge " + from + " → " + to + " needs two known, different nodes");
        }
        if (outputs.computeIfAbsent(from, k -> new HashSet<>()).add(to)) {
            inputs.computeIfAbsent(to, k -> new HashSet<>()).add(from);
            edges.add(new String[] {from, to});
        }
        return this;
    }

    public Layout layout() {
        Map<String, Integer> column = new HashMap<>();
        for (String id : nodes.keySet()) {
            column(id, column, new HashSet<>());
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        nodes.values().stream().sorted(Comparator.comparing(Input::sortKey).thenComparing(Input::id))
                .forEach(n -> byColumn.get(column.get(n.id())).add(n.id()));
        int rows = byColumn.stream().mapToInt(List::size).max().orElse(0);
        Map<String, Double> row = new HashMap<>();
        place(byColumn, rows, row);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int c = 1; c < columns; c++) {
                order(byColumn.get(c), inputs, row);
                place(byColumn, rows, row);
            }
            for (int c = columns - 2; c >= 0; c--) {
                order(byColumn.get(c), outputs, row);
                place(byColumn, rows, row);
            }
        }
        Map<String, Placed> placed = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            for (String id : byColumn.get(c)) {
                placed.put(id, new Placed(id, c, MARGIN + c * (double) (NODE_WIDTH + COLUMN_GAP),
                        MARGIN + row.get(id) * (NODE_HEIGHT + ROW_GAP)));
            }
        }
        List<Route> routes = edges.stream().map(e -> route(placed.get(e[0]), placed.get(e[1]))).toList();
        double width = columns == 0 ? 2 * MARGIN : 2 * MARGIN + columns * (double) NODE_WIDTH + (columns - 1) * (double) COLUMN_GAP;
        double height = rows == 0 ? 2 * MARGIN : 2 * MARGIN + rows * (double) NODE_HEIGHT + (rows - 1) * (double) ROW_GAP;
        return new Layout(placed, routes, width, height);
    }

    /** Longest path from a source, forced to the node's parity; a cycle (never stored, but) is cut where found. */
    private int column(String id, Map<String, Integer> column, Set<String> visiting) {
        Integer known = column.get(id);
        if (known != null) {
            return known;
        }
        boolean task = nodes.get(id).task();
        int c = task ? 1 : 0;
        if (visiting.add(id)) {
            for (String input : inputs.getOrDefault(id, Set.of())) {
                c = Math.max(c, column(input, column, visiting) + 1);
            }
            visiting.remove(id);
        }
        if ((c % 2 == 1) != task) {
            c++;
        }
        column.put(id, c);
        return c;
    }

    /** Rows of a column, centred against the tallest column. */
    private static void place(List<List<String>> byColumn, int rows, Map<String, Double> row) {
        for (List<String> col : byColumn) {
            double offset = (rows - col.size()) / 2.0;
            for (int i = 0; i < col.size(); i++) {
                row.put(col.get(i), offset + i);
            }
        }
    }

    private static void order(List<String> col, Map<String, Set<String>> neighbours, Map<String, Double> row) {
        Map<String, Double> centre = new HashMap<>();
        for (String id : col) {
            Set<String> ns = neighbours.getOrDefault(id, Set.of());
            centre.put(id, ns.isEmpty() ? row.get(id) : ns.stream().mapToDouble(row::get).average().orElse(0));
        }
        col.sort(Comparator.comparingDouble(centre::get));
    }

    private static Route route(Placed from, Placed to) {
        double x1 = from.x() + NODE_WIDTH;
        double y1 = from.y() + NODE_HEIGHT / 2.0;
        double x2 = to.x();
        double y2 = to.y() + NODE_HEIGHT / 2.0;
        double bend = Math.max(30, (x2 - x1) / 2);
        String path = String.format(java.util.Locale.ROOT, "M%.1f %.1f C%.1f %.1f, %.1f %.1f, %.1f %.1f",
                x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
        return new Route(from.id(), to.id(), path);
    }
}
