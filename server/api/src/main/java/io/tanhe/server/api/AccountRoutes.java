package io.tanhe.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessException;
import io.tanhe.server.security.access.Account;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.ApiToken;
import io.tanhe.server.security.access.LoginResult;
import io.tanhe.server.security.access.Principal;
import io.tanhe.server.security.access.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account routes: login and logout, one's own session and password, and the security operator's
 * accounts and tokens. Each change goes through {@link AccessControl}, which audits it.
 */
final class AccountRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;

    private final AccessControl access;
    private final boolean secure;

    /** @param secure the API runs on TLS: the session cookie gets {@code Secure} */
    AccountRoutes(AccessControl access, boolean secure) {
        this.access = access;
        this.secure = secure;
    }

    Map<String, Object> login(Context ctx) {
        JsonNode body = body(ctx);
        LoginResult r = access.login(text(body, "username"), text(body, "password"), AccessGuard.address(ctx));
        return switch (r) {
            case LoginResult.Refused(int status, String message) ->
                    throw new AccessGuard.Refusal(io.javalin.http.HttpStatus.forStatus(status), message);
            case LoginResult.LoggedIn(Principal p, String session) -> {
                Callers.setSession(ctx, session, secure);
                yield describe(p);
            }
        };
    }

    Map<String, Object> logout(Context ctx) {
        Principal p = AccessGuard.principal(ctx);
        String session = ctx.cookie(AccessGuard.COOKIE);
        if (p.kind() == Principal.Kind.ACCOUNT && session != null) {
            access.logout(session, AccessGuard.source(ctx));
        }
        Callers.clearSession(ctx, secure);
        return Map.of("signedOut", p.name());
    }

    Map<String, Object> session(Context ctx) {
        return describe(AccessGuard.principal(ctx));
    }

    Map<String, Object> password(Context ctx) {
        Principal p = AccessGuard.principal(ctx);
        if (p.kind() != Principal.Kind.ACCOUNT) {
            throw new AccessException("a token has no password; the security operator revokes and reissues tokens");
        }
        JsonNode body = body(ctx);
        access.changePassword(Actor.of(p, AccessGuard.source(ctx)), p.name(), text(body, "password"), text(body, "newPassword"),
                ctx.cookie(AccessGuard.COOKIE));
        return Map.of("username", p.name(), "changed", true);
    }

    List<Map<String, Object>> users(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (Account a : access.accounts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", a.username());
            m.put("role", a.role().code());
            m.put("locked", a.disabled());
            m.put("lockedUntil", a.lockedOut(now) ? a.lockedUntil().toString() : null);
            m.put("mustChangePassword", a.mustChange());
            m.put("passwordSetAt", a.passwordSetAt().toString());
            out.add(m);
        }
        return out;
    }

    Map<String, Object> addUser(Context ctx) {
        JsonNode body = body(ctx);
        Role role = role(text(body, "role"));
        String once = access.addAccount(actor(ctx), text(body, "username"), role);
        ctx.status(201);
        return Map.of("username", text(body, "username").strip(), "role", role.code(), "oneTimePassword", once);
    }

    Map<String, Object> lock(Context ctx) {
        access.lock(actor(ctx), ctx.pathParam("username"));
        return Map.of("username", ctx.pathParam("username"), "locked", true);
    }

    Map<String, Object> unlock(Context ctx) {
        access.unlock(actor(ctx), ctx.pathParam("username"));
        return Map.of("username", ctx.pathParam("username"), "locked", false);
    }

    Map<String, Object> reset(Context ctx) {
        String once = access.resetPassword(actor(ctx), ctx.pathParam("username"));
        return Map.of("username", ctx.pathParam("username"), "oneTimePassword", once);
    }

    List<Map<String, Object>> tokens(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApiToken t : access.tokens()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("role", t.role().code());
            m.put("createdAt", t.createdAt().toString());
            m.put("createdBy", t.createdBy());
            m.put("revokedAt", t.revokedAt().map(Object::toString).orElse(null));
            out.add(m);
        }
        return out;
    }

    Map<String, Object> issueToken(Context ctx) {
        JsonNode body = body(ctx);
        Role role = role(text(body, "role"));
        String secret = access.issueToken(actor(ctx), text(body, "name"), role);
        ctx.status(201);
        return Map.of("name", text(body, "name").strip(), "role", role.code(), "token", secret);
    }

    Map<String, Object> revokeToken(Context ctx) {
        access.revokeToken(actor(ctx), ctx.pathParam("name"));
        return Map.of("name", ctx.pathParam("name"), "revoked", true);
    }

    Map<String, Object> allowLists(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        var lists = access.allowLists();
        for (Role r : Role.values()) {
            out.put(r.code(), lists.getOrDefault(r, List.of()).stream().map(Object::toString).toList());
        }
        return out;
    }

    /** Replaces a role's allow-list: {@code {"ranges": ["10.0.0.0/8", …]}}; an empty list allows any address. */
    Map<String, Object> setAllowList(Context ctx) {
        Role role = role(ctx.pathParam("role"));
        JsonNode ranges = body(ctx).get("ranges");
        if (ranges == null || !ranges.isArray()) {
            throw new BadRequest("ranges", "send {\"ranges\": [\"10.0.0.0/8\", …]}; an empty list allows any address");
        }
        List<io.tanhe.server.security.access.Cidr> parsed = new ArrayList<>();
        for (JsonNode r : ranges) {
            try {
                parsed.add(io.tanhe.server.security.access.Cidr.parse(r.asText()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("ranges", e.getMessage());
            }
        }
        access.setAllowList(actor(ctx), role, parsed);
        return allowLists(ctx);
    }

    private static Actor actor(Context ctx) {
        return Actor.of(AccessGuard.principal(ctx), AccessGuard.source(ctx));
    }

    private static Role role(String code) {
        try {
            return Role.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("role", e.getMessage());
        }
    }

    private static Map<String, Object> describe(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.name());
        m.put("role", p.role().code());
        m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("mustChangePassword", p.mustChangePassword());
        m.put("permissions", p.role().permissions().stream().map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return m;
    }

    /**
     * The request's JSON object. Only {@code application/json} is taken: a cross-site form cannot send it
     * without a CORS preflight, which this API never grants.
     */
    static JsonNode body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new BadRequest("body", "send a JSON object with Content-Type: application/json");
        }
        if (ctx.contentLength() > MAX_BODY) {
            throw new BadRequest("body", "the body has more than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new BadRequest("body", "send a JSON object, e.g. {\"username\":\"…\",\"password\":\"…\"}");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new BadRequest(field, "the field `" + field + "` (a string) is required");
        }
        return v.asText();
    }
}
