package io.tanhe.engine.rules.validation;

/** What validation rules concluded about a fact, best first. */
public enum Judgement {
    /** No rule objected. */
    VALID,
    /** Plausible but unusual: keep the value, show the reason next to it. */
    SUSPICIOUS,
    /** Not to be used: the value must not reach a total. */
    INVALID;

    /** The worse of the two. */
    public Judgement and(Judgement other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
