package io.tanhe.engine.rules.verification;

/** Receives the verification findings of the rules, on the thread that fed the fact. */
@FunctionalInterface
public interface FindingListener {

    /** A check found {@code finding}; the same finding may come again (a figure judged again), keyed by its dedup key. */
    void onFinding(VerificationFinding finding);
}
