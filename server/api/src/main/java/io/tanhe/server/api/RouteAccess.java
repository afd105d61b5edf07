package io.tanhe.server.api;

import io.javalin.security.RouteRole;
import io.tanhe.server.security.access.Permission;

/**
 * What a route needs, declared on it as Javalin's {@link RouteRole} (Javalin 6 has no access manager:
 * {@link AccessGuard} checks this in {@code beforeMatched}). Every route declares exactly one.
 */
public sealed interface RouteAccess extends RouteRole {
    /** Anyone, signed in or not: only the login. */
    record Public() implements RouteAccess {
    }

    /** A session or token whose role holds {@code permission}. */
    record Needs(Permission permission) implements RouteAccess {
    }

    RouteAccess PUBLIC = new Public();

    static RouteAccess needs(Permission p) {
        return new Needs(p);
    }
}
