package io.tanhe.engine.rules.check;

import io.tanhe.grammar.diagnostics.Spelling;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.SetInfo;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;

import java.util.List;
import java.util.Optional;

/** The nodes a threshold may target: those of a compiled methodology, or anything. */
public interface TargetCatalog {

    /** Accepts every target: no methodology was given. */
    TargetCatalog ANY = new TargetCatalog() {
        @Override
        public Optional<String> problemWith(String target, String key) {
            return Optional.empty();
        }
    };

    /**
     * What is wrong with a threshold on {@code target} with index key {@code key} (null for every key).
     *
     * @return the message; empty when the target and key exist
     */
    Optional<String> problemWith(String target, String key);

    /**
     * What is wrong with a threshold's {@code unit} (null: none given) for {@code target}: a text that is not a
     * unit, or a unit of another dimension than the target's, into which no value of it converts (such a
     * threshold would never fire).
     *
     * @return the message; empty when the unit fits, or when the target is unknown here
     */
    default Optional<String> unitProblem(String target, String unit) {
        return Optional.empty();
    }

    /**
     * The problem with {@code unit} for values in {@code valueUnit} of {@code subject}; empty when it converts
     * (or when either is missing).
     */
    static Optional<String> unitMismatch(String subject, Unit valueUnit, String unit) {
        if (unit == null || unit.isBlank() || valueUnit == null) {
            return Optional.empty();
        }
        Unit u;
        try {
            u = Unit.parse(unit.strip());
        } catch (UnitParseException e) {
            return Optional.of("`" + unit + "` is not a unit: " + e.getMessage());
        }
        if (u.isCompatible(valueUnit)) {
            return Optional.empty();
        }
        return Optional.of("unit `" + unit + "` (" + u.dimension().describe() + ") does not fit `" + subject + "`, which is in "
                + valueUnit.text() + " (" + valueUnit.dimension().describe() + "): its values cannot be compared with the limit;"
                + " give a unit convertible to " + valueUnit.text() + ", or leave `unit` out to compare in " + valueUnit.text());
    }

    /** The nodes of {@code graph}; keys are checked against closed sets, units against the node's dimension. */
    static TargetCatalog of(ComputationGraph graph) {
        return new TargetCatalog() {
            @Override
            public Optional<String> problemWith(String target, String key) {
                Optional<Node> node = graph.node(target);
                if (node.isEmpty()) {
                    List<String> names = graph.nodes().stream().map(Node::name).toList();
                    return Optional.of("unknown node or point `" + target + "` in methodology " + graph.info().id()
                            + Spelling.closest(target, names, 3).map(s -> " — did you mean `" + s + "`?").orElse(""));
                }
                return key == null ? Optional.empty() : keyProblem(graph, node.get(), key);
            }

            @Override
            public Optional<String> unitProblem(String target, String unit) {
                return graph.node(target).flatMap(n -> unitMismatch(target, n.unit(), unit));
            }
        };
    }

    private static Optional<String> keyProblem(ComputationGraph graph, Node node, String key) {
        String[] parts = key.split(",", -1);
        if (parts.length != node.dimensions().size()) {
            return Optional.of("key `" + key + "` has " + parts.length + " member(s) but `" + node.name() + "` is indexed by "
                    + (node.dimensions().isEmpty() ? "nothing" : String.join(", ", node.dimensions())));
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<SetInfo> set = graph.set(node.dimensions().get(i));
            String member = parts[i].trim();
            if (set.isPresent() && !set.get().open() && !set.get().members().contains(member)) {
                return Optional.of("`" + member + "` is not a member of set " + set.get().name() + " ("
                        + String.join(", ", set.get().members()) + ")");
            }
        }
        return Optional.empty();
    }
}
