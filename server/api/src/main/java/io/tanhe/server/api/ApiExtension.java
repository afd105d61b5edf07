package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.tanhe.server.security.access.AccessControl;

/**
 * Pages served by the API's own server (the web console): same port, same sessions, same {@link AccessGuard}.
 * Every route an extension registers declares exactly one {@link RouteAccess}, as the API's do; refusals and
 * unknown paths under its {@link #prefix()} are answered by the extension (a page, a redirect to its login)
 * instead of the API's JSON.
 */
public interface ApiExtension {
    /** The path prefix the extension owns, e.g. {@code /console}. */
    String prefix();

    /** Adds to the server's configuration before it starts (static files, webjars). */
    void configure(JavalinConfig config);

    /** Registers the extension's routes on the started-to-be server. */
    void register(Javalin app, ApiServer.Sources sources, AccessControl access, boolean secure);

    /**
     * Answers a request under {@link #prefix()} that {@link AccessGuard} refused ({@code status} 401 or 403) or that
     * matched no route (404), with {@code message} saying why.
     */
    void refused(Context ctx, int status, String message);
}
