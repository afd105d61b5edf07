package io.tanhe.server.store.jdbc;

/**
 * Derby optimizer overrides that pin queries to their index. Derby's statistics do not see skew: with
 * sixty minute rows per hourly row, it estimates half of a node's rows for "grain = 'hour'" and prefers
 * a full table scan, which on years of results takes seconds instead of milliseconds. Each hint goes right
 * after the table name; it is a comment, so it ends with a newline.
 */
final class Hints {
    static final String RESULT_BUCKET = " --DERBY-PROPERTIES constraint=result_bucket\n";
    static final String REVISION_BUCKET = " --DERBY-PROPERTIES constraint=result_revision_bucket\n";
    static final String RESULT_GRAIN_TIME = " --DERBY-PROPERTIES index=result_grain_time\n";
    static final String REVISION_GRAIN_TIME = " --DERBY-PROPERTIES index=result_revision_grain_time\n";
    static final String READING_IDENTITY = " --DERBY-PROPERTIES constraint=raw_reading_identity\n";

    private Hints() {
    }
}
