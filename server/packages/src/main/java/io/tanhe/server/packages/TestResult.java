package io.tanhe.server.packages;

import java.util.List;

/**
 * An in-file test as verification ran it.
 *
 * @param file     the methodology file, relative to the package
 * @param title    the test's title
 * @param passed   whether it passed now
 * @param failures what failed, one line each
 */
public record TestResult(String file, String title, boolean passed, List<String> failures) {
    public TestResult {
        failures = List.copyOf(failures);
    }
}
