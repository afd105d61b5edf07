package io.tanhe.server.terminal.operations;

import io.tanhe.engine.rules.alert.Severity;
import io.tanhe.server.store.AlertState;
import io.tanhe.server.store.TimeRange;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts to list: states, raised in a range, at least a severity, a rule whose id contains a text,
 * at most {@code limit} of them (newest first).
 *
 * @param states        the states to show; every state when empty
 * @param raised        when they were raised
 * @param minSeverity   the lowest current severity shown; empty for all
 * @param ruleContains  a part of the rule id (e.g. {@code gas-flow}); empty for all
 * @param limit         at most this many, 1 … {@link #MAX_LIMIT}
 */
public record AlertFilter(Set<AlertState> states, TimeRange raised, Optional<Severity> minSeverity, String ruleContains, int limit) {
    /** The most alerts one list returns. */
    public static final int MAX_LIMIT = 10_000;

    public AlertFilter {
        states = Set.copyOf(states);
        Objects.requireNonNull(raised, "raised");
        Objects.requireNonNull(minSeverity, "minSeverity");
        ruleContains = ruleContains == null ? "" : ruleContains;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperationRefused.badInput("limit", "`limit` is " + limit + "; give 1 … " + MAX_LIMIT);
        }
    }
}
