package io.tanhe.server.store;

import java.util.List;

/** The quality-assurance records of the site's CEMS (table {@code qa_record}). */
public interface QaStore {

    /** Stores {@code record} and returns it with its id. */
    QaRecord add(QaRecord record);

    /** The records whose period overlaps {@code range}, by start. */
    List<QaRecord> between(TimeRange range);
}
