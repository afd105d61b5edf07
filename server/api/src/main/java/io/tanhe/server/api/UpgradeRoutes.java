package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.packages.release.UpgradeRefused;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.access.Principal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The remote upgrade routes (§8.4), all for the system administrator ({@code operate}):
 * <ul>
 *   <li>{@code GET /api/upgrade} — the upgrade's state, the release in use, the releases kept, the components;</li>
 *   <li>{@code POST /api/upgrade} — a signed application release package as the body ({@code application/octet-stream});
 *       verified, unpacked, switched to; the terminal restarts into it and has a window to prove healthy;</li>
 *   <li>{@code POST /api/upgrade/rollback} — back to the release before the upgrade, and restart;</li>
 *   <li>{@code POST /api/components} — a signed component package as the body; installed, effective after the restart;</li>
 *   <li>{@code DELETE /api/components/{id}} — uninstalls it.</li>
 * </ul>
 * A refused package is a 400 with every reason in {@code problems}.
 */
final class UpgradeRoutes {
    private UpgradeRoutes() {
    }

    static ApiExtension of(Upgrades upgrades) {
        RouteAccess operate = RouteAccess.needs(Permission.OPERATE);
        return app -> register(app, upgrades, operate);
    }

    private static void register(Javalin app, Upgrades upgrades, RouteAccess operate) {
        app.get("/api/upgrade", ctx -> ApiServer.send(ctx, upgrades.status()), operate);
        app.post("/api/upgrade", ctx -> refusable(ctx, () -> upgrades.upgrade(ctx.bodyInputStream(), caller(ctx))), operate);
        app.post("/api/upgrade/rollback", ctx -> ApiServer.send(ctx, upgrades.rollback(caller(ctx))), operate);
        app.post("/api/components", ctx -> refusable(ctx, () -> upgrades.installComponent(ctx.bodyInputStream(), caller(ctx))), operate);
        app.delete("/api/components/{id}", ctx -> ApiServer.send(ctx, upgrades.uninstallComponent(ctx.pathParam("id"), caller(ctx))),
                operate);
    }

    @FunctionalInterface
    private interface Refusable {
        Map<String, Object> run() throws UpgradeRefused;
    }

    private static void refusable(Context ctx, Refusable action) {
        try {
            ApiServer.send(ctx, action.run());
        } catch (UpgradeRefused e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", e.getMessage());
            out.put("parameter", "package");
            out.put("problems", e.problems().stream().map(p -> Map.of("check", p.check().name().toLowerCase(java.util.Locale.ROOT),
                    "reason", p.detail())).toList());
            ctx.status(400);
            ApiServer.send(ctx, out);
        }
    }

    private static Upgrades.Caller caller(Context ctx) {
        Principal p = AccessGuard.principal(ctx);
        return new Upgrades.Caller(p.auditName(), p.role().code(), AccessGuard.source(ctx));
    }
}
