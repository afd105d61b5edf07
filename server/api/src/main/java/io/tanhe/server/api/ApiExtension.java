package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * More routes for an {@link ApiServer}, registered before it starts, each declaring its {@link RouteAccess}
 * (the guard refuses a route without one). {@link TerminalApi} adds the operator actions this way, so that
 * {@code ApiServer} itself reads a pipeline only through {@link PipelineStatus}; the web console adds its pages,
 * on the same port with the same sessions. An extension that owns a {@link #prefix()} answers the refusals and
 * unknown paths under it itself (a redirect to its login page, an HTML page) instead of the API's JSON.
 */
@FunctionalInterface
public interface ApiExtension {
    void register(Javalin app);

    /** Adds to the server's configuration before it starts (static files, webjars); nothing by default. */
    default void configure(JavalinConfig config) {
    }

    /** The path prefix whose refusals and unknown paths this extension answers, e.g. {@code /console}; none by default. */
    default Optional<String> prefix() {
        return Optional.empty();
    }

    /**
     * Answers a request under {@link #prefix()} that {@link AccessGuard} refused ({@code status} 401 or 403) or that
     * matched no route (404), with {@code message} saying why.
     */
    default void refused(Context ctx, int status, String message) {
        throw new IllegalStateException("an extension without a prefix answers no refusal");
    }
}
