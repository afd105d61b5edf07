package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.evidence.BundleWriter;
import io.tanhe.server.evidence.TerminalEvidence;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.Permission;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.terminal.Terminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/evidence?from=DAY&to=DAY[&nodes=E,F]}: the evidence bundle of those days (docs/evidence.md),
 * streamed as it is written, for the system administrator and the security auditor ({@link Permission#EXPORT_EVIDENCE}),
 * audited as {@code evidence.export}.
 */
final class EvidenceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRoutes.class);
    private final Terminal terminal;

    private EvidenceRoutes(Terminal terminal) {
        this.terminal = terminal;
    }

    static ApiExtension of(Terminal terminal) {
        EvidenceRoutes r = new EvidenceRoutes(terminal);
        return app -> r.register(app);
    }

    private void register(Javalin app) {
        app.get("/api/evidence", this::export, RouteAccess.needs(Permission.EXPORT_EVIDENCE));
    }

    private void export(Context ctx) throws Exception {
        ReportRoutes.only(ctx, "/api/evidence", "from", "to", "nodes");
        LocalDate from = day(ctx, "from", null);
        LocalDate to = day(ctx, "to", from);
        if (to.isBefore(from)) {
            throw new BadRequest("to", "`to` " + to + " is before `from` " + from);
        }
        String nodesText = ctx.queryParam("nodes");
        Set<String> nodes = nodesText == null || nodesText.isBlank() ? Set.of()
                : Arrays.stream(nodesText.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        BundleWriter.Request req;
        try {
            req = TerminalEvidence.request(terminal.store(), terminal.baseSite(), terminal.identity(), from, to, nodes,
                    "tanhe " + TerminalApi.class.getPackage().getImplementationVersion(), terminal.wallClock().instant());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("nodes", e.getMessage().replace("--nodes: ", ""));
        }
        Actor actor = ActionRoutes.actor(ctx);
        String name = terminal.baseSite().identity().siteId() + "-" + from + "-" + to + ".evidence";
        ctx.status(200).contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        OutputStream out = ctx.res().getOutputStream();
        try {
            BundleWriter.Summary s = BundleWriter.write(req, out, LOG::info);
            out.flush();
            audit(actor, AuditOutcome.SUCCESS, from + " … " + to + ": " + s.readings() + " readings, " + s.results() + " results, "
                    + s.revisions() + " earlier revisions, manifest SM3 " + s.manifestSm3());
        } catch (RuntimeException e) {
            audit(actor, AuditOutcome.FAILURE, from + " … " + to + ": " + e.getMessage());
            throw e;
        }
    }

    private void audit(Actor actor, AuditOutcome outcome, String detail) {
        terminal.audit().record(new AuditEvent(terminal.wallClock().instant(), actor.name(), actor.role(), actor.source(), "evidence.export",
                "/api/evidence", outcome, detail));
    }

    private static LocalDate day(Context ctx, String name, LocalDate otherwise) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            if (otherwise == null) {
                throw new BadRequest(name, "`" + name + "` is required: the first day, e.g. 2026-01-01 (site zone)");
            }
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new BadRequest(name, "`" + text + "` is not a day; write it as 2026-12-05");
        }
    }
}
