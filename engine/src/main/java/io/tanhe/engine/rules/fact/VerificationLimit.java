package io.tanhe.engine.rules.fact;


import java.util.Objects;

/**
 * A limit of a verification check that the guideline leaves to the verifier (no number in its text), set by the site
 * ({@code rules.verification} of the site file). A check that needs one does not run while it is absent: the project
 * ships no default it could not cite.
 *
 * @param name  the limit's name as the check's DRL matches it, e.g. {@code yoy_change_percent}
 * @param value its value, in the unit the check documents
 */
public record VerificationLimit(String name, double value) implements RuleFact {

    public VerificationLimit {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("verification limit " + name + " is " + value + "; give a finite number");
        }
    }

    @Override
    public String subject() {
        return name;
    }

    @Override
    public Slot slot() {
        return new Slot(VerificationLimit.class, name, "", "");
    }
}
