package io.tanhe.server.store;

import java.time.Instant;

/**
 * One entry of the activation log: a configuration package moved from one lifecycle state to another.
 *
 * @param id        its number (the log's order)
 * @param packageId the package ({@link ConfigPackage#id()})
 * @param at        when (wall clock)
 * @param actor     who: a user, a token, or {@code terminal} for what the terminal did on its own
 * @param from      the state before
 * @param to        the state after
 * @param detail    what happened, e.g. the reason for a refusal or a rollback
 */
public record ActivationStep(long id, long packageId, Instant at, String actor, String from, String to, String detail) {
}
