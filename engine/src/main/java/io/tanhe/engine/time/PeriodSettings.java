package io.tanhe.engine.time;

import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.ast.Decl;

import java.util.Objects;

/**
 * A quantity given per period: an observation lands in the bucket of {@code period} that contains
 * its timestamp (by convention the period's start). One value per period: the observation with the
 * latest timestamp in the period wins, so a correction is entered with a later timestamp (or the same
 * one, then the later arrival wins).
 *
 * @param amountUnit the input's unit; values must convert to it
 * @param period     the grain of the periods values are given for (month for a monthly lab NCV)
 * @param quantity   summable (spread by time) or intensive (held)
 */
public record PeriodSettings(Unit amountUnit, Grain period, PeriodQuantity quantity) implements InputSettings {

    public PeriodSettings {
        Objects.requireNonNull(amountUnit, "amountUnit");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(quantity, "quantity");
    }

    public static PeriodSettings of(Unit amountUnit, Grain period, PeriodQuantity quantity) {
        return new PeriodSettings(amountUnit, period, quantity);
    }

    @Override
    public Decl.InputKind kind() {
        return Decl.InputKind.PERIOD;
    }
}
