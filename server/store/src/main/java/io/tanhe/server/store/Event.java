package io.tanhe.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened, for the event log. The log is append-only: events are never changed,
 * only removed whole by retention.
 *
 * @param at          when it happened
 * @param kind        what kind of thing
 * @param subject     what it happened to (point id, source id, centre id, config version…); may be empty
 * @param message     one line for people
 * @param detailsJson details as a JSON document ({@code {}} when none)
 */
public record Event(Instant at, EventKind kind, String subject, String message, String detailsJson) {

    public Event {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        subject = Limits.optional("subject", subject, Limits.ID);
        Limits.required("message", message, Limits.TEXT);
        detailsJson = detailsJson == null || detailsJson.isBlank() ? "{}" : Limits.optional("detailsJson", detailsJson, Limits.DOCUMENT);
    }
}
