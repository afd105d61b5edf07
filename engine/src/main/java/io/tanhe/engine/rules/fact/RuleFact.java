package io.tanhe.engine.rules.fact;

/**
 * Something the rules reason about. Each fact occupies a {@linkplain #slot() slot} in working
 * memory: a newer fact of the same slot replaces the older one, which is how memory stays flat over
 * a stream of years.
 */
public sealed interface RuleFact permits ObservationFact, BucketResultFact, GapFact, SourceSwitchFact, FactorFact,
        CalibrationFact, PeriodChangeFact, VerificationLimit {

    /** What the fact is about, for alert subjects and messages, e.g. {@code coal_burned[unit1]}. */
    String subject();

    /** The working-memory slot: at most one fact per slot stays in the session. */
    Slot slot();

    /** The {@code name[key]} form of a subject, or the name alone when the key is empty. */
    static String subject(String name, String key) {
        return key.isEmpty() ? name : name + "[" + key + "]";
    }
}
