package io.tanhe.engine.factors;

/**
 * How far a factor value can be trusted, as labelled in the reference notes
 * (../shared/reference/methodologies.md §0.1). A verification body reads it next to every value;
 * the product never upgrades a label.
 */
public enum Confidence {
    /** Two or more independent sources agree, or one official-looking source quotes the notice or standard text. */
    A,
    /** Exactly one reasonable source: a repository that cites the guideline, or a news page. */
    B,
    /** A single low-quality or mock source, or sources that disagree: check before relying on it. */
    C,
    /** Unconfirmed: recalled, not read in any source. Listed so that someone looks it up. */
    U,
    /** Supplied or measured by the plant itself (a lab report, a contract value), not a published default. */
    SITE;

    /** True for {@link #C} and {@link #U}: values that must not be relied on without checking. */
    public boolean isUnverified() {
        return this == C || this == U;
    }
}
