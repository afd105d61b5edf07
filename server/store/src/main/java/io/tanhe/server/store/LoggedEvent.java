package io.tanhe.server.store;

/** An event as stored, with its position in the log (ids increase in the order events were recorded). */
public record LoggedEvent(long id, Event event) {
}
