package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tanhe.server.report.AnnualDocument;
import io.tanhe.server.report.ReportFormat;

import java.time.Instant;
import java.time.Year;
import java.util.Optional;

/**
 * The report downloads beside {@code /api/report} (read-only, GET; readable by the viewer role):
 * <ul>
 *   <li>{@code GET /api/report/annual?year=2026[&format=pdf|xlsx]} — the GB/T 32150 enterprise report of a year,
 *       as {@code tanhe report annual} writes it (PDF by default).</li>
 * </ul>
 */
final class ReportRoutes {
    private final ApiServer.Sources s;

    private ReportRoutes(ApiServer.Sources s) {
        this.s = s;
    }

    /** Adds the routes to {@code app}. */
    static void register(Javalin app, ApiServer.Sources sources) {
        ReportRoutes r = new ReportRoutes(sources);
        app.get("/api/report/annual", r::annual);
    }

    private void annual(Context ctx) {
        for (String p : ctx.queryParamMap().keySet()) {
            if (!p.equals("year") && !p.equals("format")) {
                throw new BadRequest(p, "unknown parameter `" + p + "`; /api/report/annual takes year and format");
            }
        }
        String yearText = Optional.ofNullable(ctx.queryParam("year"))
                .orElseThrow(() -> new BadRequest("year", "required: the report's year, e.g. year=2026"));
        Year year;
        try {
            year = Year.of(Integer.parseInt(yearText.strip()));
        } catch (NumberFormatException e) {
            throw new BadRequest("year", "`" + TimeText.shown(yearText) + "` is not a year; write e.g. year=2026");
        }
        if (year.getValue() < 2000 || year.getValue() > 2100) {
            throw new BadRequest("year", year + " is outside 2000–2100, the years a terminal reports");
        }
        ReportFormat format;
        try {
            format = ReportFormat.fromText(Optional.ofNullable(ctx.queryParam("format")).orElse("pdf"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("format", e.getMessage());
        }
        if (!format.binary()) {
            throw new BadRequest("format", "the annual report is a document: use format=pdf or format=xlsx");
        }
        byte[] body = format.write(AnnualDocument.of(s.site(), s.store().results(), year, Instant.now()));
        ctx.header("Content-Disposition", "attachment; filename=\"" + s.site().identity().siteId() + "-" + year + "."
                + format.name().toLowerCase(java.util.Locale.ROOT) + "\"");
        ctx.contentType(format.mediaType()).result(body);
    }
}
