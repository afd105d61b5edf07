package io.tanhe.server.store;

import java.util.List;

/** The append-only event log. Every method returns after a durable commit. */
public interface EventLog {

    /** Appends an event and returns it with its id. */
    LoggedEvent append(Event event);

    /** Events that happened in {@code range}, in time order (by id at the same instant). */
    List<LoggedEvent> events(TimeRange range);
}
