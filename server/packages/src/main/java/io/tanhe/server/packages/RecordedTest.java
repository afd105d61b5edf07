package io.tanhe.server.packages;

import java.util.Objects;

/**
 * The outcome of one in-file {@code test} block when the package was built, as its manifest records it.
 *
 * @param file   the methodology file, relative to the package
 * @param title  the test's title
 * @param passed whether it passed
 */
public record RecordedTest(String file, String title, boolean passed) {
    public RecordedTest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
    }
}
