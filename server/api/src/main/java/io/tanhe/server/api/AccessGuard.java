package io.tanhe.server.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.security.audit.AuditOutcome;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Checks each matched request against the {@link RouteAccess} its route declares: 403 to any address but
 * loopback while a remote cut-off stands; a metrics scraper from an allow-listed address needs no token; 401 without a valid
 * session cookie or bearer token, 403 from an address outside the role's allow-list, for a role without
 * the permission, or while a one-time or expired password must be changed. Every refusal is audited.
 */
final class AccessGuard {
    /** The session cookie's name. */
    static final String COOKIE = "tanhe_session";
    private static final String PRINCIPAL = "tanhe.principal";

    private final AccessControl access;
    private final Supervision ops;

    AccessGuard(AccessControl access, Supervision ops) {
        this.access = access;
        this.ops = ops;
    }

    /** Who the request acts as; present on every route but the public ones. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal on " + ctx.path() + ": the route is public");
        }
        return p;
    }

    static String source(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    static InetAddress address(Context ctx) {
        try {
            return InetAddress.getByName(source(ctx)); // a literal address: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the client address " + source(ctx) + " is not an address", e);
        }
    }

    /** Runs in {@code beforeMatched}. */
    void check(Context ctx) {
        List<RouteAccess> declared = ctx.routeRoles().stream().filter(RouteAccess.class::isInstance)
                .map(RouteAccess.class::cast).toList();
        if (declared.size() != 1) {
            throw new IllegalStateException(ctx.method() + " " + ctx.endpointHandlerPath() + " declares " + declared.size()
                    + " RouteAccess; every route declares exactly one");
        }
        String target = ctx.method().name() + " " + ctx.path();
        if (ops.cutOff().isPresent() && !address(ctx).isLoopbackAddress()) {
            access.record(new Actor("-", "-", source(ctx)), "access.refused", target, AuditOutcome.DENIED, "remote access cut off");
            throw new Refusal(HttpStatus.FORBIDDEN, "remote access to this terminal is cut off (§8.4); it is lifted on the"
                    + " machine itself with `tanhe cutoff lift`");
        }
        if (!(declared.getFirst() instanceof RouteAccess.Needs(Permission needed))) {
            return;
        }
        if (ctx.header("Authorization") == null && ctx.routeRoles().contains(OperationsRoutes.Scraping.ALLOWED)
                && ops.scraperAllowed(address(ctx))) {
            return; // an allow-listed metrics scraper: not audited, it calls every few seconds
        }
        Optional<Principal> who = credentials(ctx);
        if (who.isEmpty()) {
            access.record(new Actor("-", "-", source(ctx)), "access.refused", target, AuditOutcome.DENIED, "no valid session or token");
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Refusal(HttpStatus.UNAUTHORIZED, "sign in first: POST /api/login with {\"username\":…,\"password\":…},"
                    + " or send Authorization: Bearer TOKEN");
        }
        Principal p = who.get();
        Actor actor = Actor.of(p, source(ctx));
        if (!access.addressAllowed(p.role(), address(ctx))) {
            access.record(actor, "access.refused", target, AuditOutcome.DENIED, "address not in the " + p.role().code() + " allow-list");
            throw new Refusal(HttpStatus.FORBIDDEN, "the " + p.role().code() + " role may not act from " + source(ctx));
        }
        if (!needed.grantedTo(p.role())) {
            access.record(actor, "access.refused", target, AuditOutcome.DENIED, "role " + p.role().code() + " lacks "
                    + needed.name().toLowerCase(java.util.Locale.ROOT));
            throw new Refusal(HttpStatus.FORBIDDEN, "the " + p.role().code() + " role may not do this (it needs the "
                    + needed.name().toLowerCase(java.util.Locale.ROOT) + " permission; see docs/security.md)");
        }
        if (p.mustChangePassword() && needed != Permission.OWN_SESSION) {
            access.record(actor, "access.refused", target, AuditOutcome.DENIED, "password must be changed first");
            throw new Refusal(HttpStatus.FORBIDDEN, "change your one-time or expired password first: POST /api/password with"
                    + " {\"password\":…,\"newPassword\":…}");
        }
        ctx.attribute(PRINCIPAL, p);
    }

    /** The bearer token if one is sent (a bad one is not rescued by a cookie), else the session cookie. */
    private Optional<Principal> credentials(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            return header.regionMatches(true, 0, "Bearer ", 0, 7) ? access.token(header.substring(7).strip()) : Optional.empty();
        }
        return access.session(ctx.cookie(COOKIE));
    }

    /** A refused request: 401 or 403 with a message. */
    static final class Refusal extends RuntimeException {
        private final HttpStatus status;

        Refusal(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }
}
