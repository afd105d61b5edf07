package io.tanhe.server.store;

import io.tanhe.engine.rules.alert.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert to raise.
 *
 * @param dedupKey  unique per alert occurrence (e.g. rule + subject + start of the condition): raising
 *                  the same key twice (after a restart replays the rules) returns the first alert
 * @param ruleId    the rule that raised it
 * @param severity  how urgent
 * @param raisedAt  when the condition started (measurement time)
 * @param message   for the operator
 * @param factsJson the facts that triggered it, as a JSON document ({@code {}} when none)
 */
public record NewAlert(String dedupKey, String ruleId, Severity severity, Instant raisedAt, String message,
                       String factsJson) {

    public NewAlert {
        Limits.required("dedupKey", dedupKey, Limits.KEY);
        Limits.required("ruleId", ruleId, Limits.ID);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Limits.required("message", message, Limits.TEXT);
        factsJson = factsJson == null || factsJson.isBlank() ? "{}" : Limits.optional("factsJson", factsJson, Limits.DOCUMENT);
    }
}
