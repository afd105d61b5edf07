package io.tanhe.server.packages.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The result of a diff: the semantic changes, the files that changed only in layout or comments, and what
 * could not be compiled on either side (the diff compares what could be read).
 *
 * @param oldName     the old side's name
 * @param newName     the new side's name
 * @param changes     every semantic change, by area in {@link Area} order
 * @param layoutOnly  files whose text differs but say the same
 * @param oldProblems compile or load errors of the old side
 * @param newProblems compile or load errors of the new side
 */
public record DiffReport(String oldName, String newName, List<Change> changes, List<String> layoutOnly,
                         List<String> oldProblems, List<String> newProblems) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DiffReport {
        changes = changes.stream().sorted(java.util.Comparator.comparing(Change::area)).toList();
        layoutOnly = List.copyOf(layoutOnly);
        oldProblems = List.copyOf(oldProblems);
        newProblems = List.copyOf(newProblems);
    }

    /** No semantic change and no layout change. */
    public boolean identical() {
        return changes.isEmpty() && layoutOnly.isEmpty();
    }

    /** The changes of {@code area}. */
    public List<Change> in(Area area) {
        return changes.stream().filter(c -> c.area() == area).toList();
    }

    /** The report for people: one block per area, positions in both versions for changed expressions. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        oldProblems.forEach(p -> out.append("old does not compile: ").append(p).append('\n'));
        newProblems.forEach(p -> out.append("new does not compile: ").append(p).append('\n'));
        if (identical()) {
            return out.append("no differences\n").toString();
        }
        if (changes.isEmpty()) {
            out.append("no semantic differences\n");
        }
        Area current = null;
        for (Change c : changes) {
            if (c.area() != current) {
                current = c.area();
                out.append('\n').append(current.label()).append(":\n");
            }
            switch (c.kind()) {
                case ADDED -> out.append("  + ").append(c.subject()).append(c.after().isEmpty() ? "" : ": " + oneLine(c.after()))
                        .append(c.newAt().isEmpty() ? "" : "  (" + c.newAt() + ")").append('\n');
                case REMOVED -> out.append("  - ").append(c.subject()).append(c.before().isEmpty() ? "" : ": " + oneLine(c.before()))
                        .append(c.oldAt().isEmpty() ? "" : "  (" + c.oldAt() + ")").append('\n');
                case CHANGED -> {
                    out.append("  ~ ").append(c.subject()).append(' ').append(c.field());
                    if (!c.before().contains("\n") && !c.after().contains("\n") && c.before().length() + c.after().length() < 80
                            && c.oldAt().isEmpty()) {
                        out.append(": ").append(show(c.before())).append(" → ").append(show(c.after())).append('\n');
                    } else {
                        out.append('\n');
                        out.append("      old").append(c.oldAt().isEmpty() ? "" : " " + c.oldAt()).append(": ").append(oneLine(show(c.before()))).append('\n');
                        out.append("      new").append(c.newAt().isEmpty() ? "" : " " + c.newAt()).append(": ").append(oneLine(show(c.after()))).append('\n');
                    }
                }
            }
        }
        if (!layoutOnly.isEmpty()) {
            out.append("\nlayout or comments only:\n");
            layoutOnly.forEach(f -> out.append("  ").append(f).append('\n'));
        }
        return out.toString();
    }

    /** The report as JSON: {@code old}, {@code new}, {@code identical}, {@code changes[]}, {@code layout_only[]}, problems. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("old", oldName);
        root.put("new", newName);
        root.put("identical", identical());
        ArrayNode cs = root.putArray("changes");
        for (Change c : changes) {
            ObjectNode n = cs.addObject();
            n.put("area", c.area().label());
            n.put("subject", c.subject());
            n.put("kind", c.kind().label());
            if (!c.field().isEmpty()) {
                n.put("field", c.field());
            }
            if (c.kind() != Change.Kind.ADDED) {
                n.put("old", c.before());
            }
            if (c.kind() != Change.Kind.REMOVED) {
                n.put("new", c.after());
            }
            if (!c.oldAt().isEmpty()) {
                n.put("old_at", c.oldAt());
            }
            if (!c.newAt().isEmpty()) {
                n.put("new_at", c.newAt());
            }
        }
        ArrayNode lo = root.putArray("layout_only");
        layoutOnly.forEach(lo::add);
        ArrayNode op = root.putArray("old_problems");
        oldProblems.forEach(op::add);
        ArrayNode np = root.putArray("new_problems");
        newProblems.forEach(np::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String show(String s) {
        return s.isEmpty() ? "(none)" : s;
    }

    private static String oneLine(String s) {
        return s.replace("\n", " ⏎ ");
    }
}
