package io.tanhe.server.store;

import io.tanhe.engine.rules.alert.Severity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts to list: in some states, raised in a range, at least a severity, of a rule whose id contains a text.
 * The one definition of the alert list's filters, which the API and the operator actions share.
 *
 * @param states       the states to show; every state when empty
 * @param raised       when they were raised
 * @param minSeverity  the lowest current severity shown; empty for all
 * @param ruleContains a part of the rule id (e.g. {@code gas-flow}); empty for all
 */
public record AlertFilter(Set<AlertState> states, TimeRange raised, Optional<Severity> minSeverity, String ruleContains) {

    /** The words a client may name states with, as {@link #states(String)} takes them. */
    public static final String STATE_WORDS = "open, raised, acknowledged, cleared or all";

    public AlertFilter {
        states = Set.copyOf(states);
        Objects.requireNonNull(raised, "raised");
        Objects.requireNonNull(minSeverity, "minSeverity");
        ruleContains = ruleContains == null ? "" : ruleContains;
    }

    /** Whether {@code alert} passes the severity and rule filters (the store selects by state and time). */
    public boolean test(Alert alert) {
        return minSeverity.map(s -> alert.severity().compareTo(s) >= 0).orElse(true) && alert.raised().ruleId().contains(ruleContains);
    }

    /**
     * The states a word names: {@code open} (raised or acknowledged, not cleared), {@code all}, or one state.
     *
     * @throws IllegalArgumentException for another word, saying which are known
     */
    public static Set<AlertState> states(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> EnumSet.of(AlertState.RAISED, AlertState.ACKNOWLEDGED);
            case "all" -> EnumSet.allOf(AlertState.class);
            case "raised" -> EnumSet.of(AlertState.RAISED);
            case "acknowledged" -> EnumSet.of(AlertState.ACKNOWLEDGED);
            case "cleared" -> EnumSet.of(AlertState.CLEARED);
            default -> throw new IllegalArgumentException("`" + word + "` is not an alert state; use " + STATE_WORDS);
        };
    }
}
