package io.tanhe.engine.testing;

import java.util.List;

/**
 * The result of one in-file test.
 *
 * @param failures one line per failed expectation or evaluation problem, each starting with {@code path:line:col}
 * @param warnings e.g. unverified default values the test used
 */
public record TestOutcome(String file, String title, boolean passed, List<String> failures, List<String> warnings) {
    public TestOutcome {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }
}
