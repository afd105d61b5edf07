package io.tanhe.engine.time;

import io.tanhe.engine.graph.Node;
import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

/**
 * How observations of one input (or one key of it) become bucket amounts. One record per input
 * kind; {@link #defaultsFor(Node)} derives them from a compiled input node.
 */
public sealed interface InputSettings permits CounterSettings, RateSettings, PeriodSettings {

    /** The unit amounts are held in: the input node's {@link Node#unit()}. */
    Unit amountUnit();

    /** The input kind these settings are for. */
    Decl.InputKind kind();

    /**
     * Settings for an input node with nothing configured: a counter without rollover or spread
     * limit, a rate with {@link RateSettings#DEFAULT_MAX_GAP}, a monthly period quantity whose
     * summability follows its unit ({@link PeriodQuantity#inferFrom(Unit)}).
     *
     * @throws IllegalArgumentException when the node is not an input
     */
    static InputSettings defaultsFor(Node node) {
        if (node.inputKind() == null) {
            throw new IllegalArgumentException("`" + node.name() + "` is a " + node.kind() + ", not an input");
        }
        return switch (node.inputKind()) {
            case COUNTER -> CounterSettings.of(node.unit());
            case RATE -> RateSettings.of(node.unit());
            case PERIOD -> PeriodSettings.of(node.unit(), Grain.MONTH, PeriodQuantity.inferFrom(node.unit()));
        };
    }
}
