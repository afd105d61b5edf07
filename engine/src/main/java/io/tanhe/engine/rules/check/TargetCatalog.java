package io.tanhe.engine.rules.check;

import io.tanhe.grammar.diagnostics.Spelling;

import io.tanhe.engine.graph.ComputationGraph;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.graph.SetInfo;

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

    /** The nodes of {@code graph}; keys are checked against closed sets. */
    static TargetCatalog of(ComputationGraph graph) {
        return (target, key) -> {
            Optional<Node> node = graph.node(target);
            if (node.isEmpty()) {
                List<String> names = graph.nodes().stream().map(Node::name).toList();
                return Optional.of("unknown node or point `" + target + "` in methodology " + graph.info().id()
                        + Spelling.closest(target, names, 3).map(s -> " — did you mean `" + s + "`?").orElse(""));
            }
            return key == null ? Optional.empty() : keyProblem(graph, node.get(), key);
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
