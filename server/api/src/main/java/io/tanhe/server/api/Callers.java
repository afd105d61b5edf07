package io.tanhe.server.api;

import io.javalin.http.Context;
import io.tanhe.server.security.access.Principal;

import java.net.InetAddress;

/**
 * Who a request comes from, for the pages an {@link ApiExtension} adds: the principal {@link AccessGuard}
 * admitted, the client's address, and the one session cookie the API and the console share.
 */
public final class Callers {
    private Callers() {
    }

    /** Who the request acts as; present on every route but the public ones. */
    public static Principal principal(Context ctx) {
        return AccessGuard.principal(ctx);
    }

    /** The client's address as text. */
    public static String source(Context ctx) {
        return AccessGuard.source(ctx);
    }

    /** The client's address. */
    public static InetAddress address(Context ctx) {
        return AccessGuard.address(ctx);
    }

    /** The session id the request carries in its cookie, or null. */
    public static String session(Context ctx) {
        return ctx.cookie(AccessGuard.COOKIE);
    }

    /**
     * Sets the session cookie: {@code HttpOnly}, {@code SameSite=Strict} (so no other site can send it with a form),
     * path {@code /} so that the API and the console share one sign-in, {@code Secure} on TLS.
     */
    public static void setSession(Context ctx, String session, boolean secure) {
        ctx.header("Set-Cookie", AccessGuard.COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    /** Clears the session cookie. */
    public static void clearSession(Context ctx, boolean secure) {
        ctx.header("Set-Cookie", AccessGuard.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }
}
