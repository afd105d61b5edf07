package io.tanhe.server.store.jdbc;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link StoreBench}; prints numbers, asserts only that every row was stored. */
@Tag("slow")
class StoreBenchTest {
    @Test
    void printsDurableWriteThroughputAndHourlyQueryTime() throws Exception {
        StoreBench.main(new String[]{"200000"});
    }
}
