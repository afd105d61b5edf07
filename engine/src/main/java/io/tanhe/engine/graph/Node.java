package io.tanhe.engine.graph;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;
import io.tanhe.grammar.ast.SourceSpan;

import java.util.List;

/**
 * One named value of a methodology, indexed by zero or more sets.
 *
 * @param dimensions    the names of the sets indexing it, in order
 * @param unit          the unit its values are held in (for a rate input, the time integral)
 * @param declaredUnit  the unit as written in the declaration
 * @param inputKind     for inputs: counter, rate or per-period quantity; else null
 * @param optional      for inputs: may be absent (tested with {@code available})
 * @param emissionClass for emissions; else null
 * @param scope         for emissions: direct or indirect; else null
 * @param gwpBasis      for factors declared with a GWP basis (SAR, AR4…); else null
 * @param formula       for computed nodes: the typed formula, constants folded; else null
 * @param slots         the number of key slots the formula needs
 * @param dependencies  the nodes the formula reads, each once
 */
public record Node(String name, NodeKind kind, List<String> dimensions, Unit unit, String declaredUnit, String label,
                   Decl.InputKind inputKind, boolean optional, EmissionClass emissionClass, Scope scope, String gwpBasis,
                   Term formula, int slots, List<String> dependencies, SourceSpan span) {
    public Node {
        dimensions = List.copyOf(dimensions);
        dependencies = List.copyOf(dependencies);
    }

    public boolean indexed() {
        return !dimensions.isEmpty();
    }
}
