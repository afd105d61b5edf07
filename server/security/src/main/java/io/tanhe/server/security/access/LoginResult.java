package io.tanhe.server.security.access;

/** How a login ended. */
public sealed interface LoginResult {
    /** Signed in: {@code session} is the new session's id. */
    record LoggedIn(Principal principal, String session) implements LoginResult {
    }

    /**
     * Not signed in.
     *
     * @param status  the HTTP status that fits: 401 (wrong name or password, locked), 403 (address), 429 (too many attempts)
     * @param message what the client is told: never which of name and password was wrong
     */
    record Refused(int status, String message) implements LoginResult {
    }
}
