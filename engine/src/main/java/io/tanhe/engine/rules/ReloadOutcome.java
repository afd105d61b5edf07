package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;

import java.util.List;

/** What became of a hot reload. */
public sealed interface ReloadOutcome {

    /** The ruleset version the outcome is about. */
    String version();

    /**
     * The new rules run now.
     *
     * @param compileMillis time spent compiling, in the background
     * @param swapMicros    time the engine was paused while the facts moved to the new session
     * @param warnings      compiler warnings
     */
    record Applied(String version, long compileMillis, long swapMicros, List<RuleProblem> warnings) implements ReloadOutcome {
        public Applied {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The new rules did not compile; the running rules stay.
     *
     * @param problems each error with its DRL file and line
     */
    record Rejected(String version, List<RuleProblem> problems) implements ReloadOutcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
