package io.tanhe.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.server.report.Analysis;
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
 *   <li>{@code GET /api/analysis?year=2026} — section 7.2.5 as JSON: each month's total with year-on-year and
 *       month-on-month change, the structure by scope, the key sources ranked by share with their change, the
 *       activity data with their change (changes in percent, null where there is no base).</li>
 * </ul>
 */
final class ReportRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiServer.Sources s;

    private ReportRoutes(ApiServer.Sources s) {
        this.s = s;
    }

    /** Adds the routes to {@code app}, each needing {@code read}. */
    static void register(Javalin app, ApiServer.Sources sources, RouteAccess read) {
        ReportRoutes r = new ReportRoutes(sources);
        app.get("/api/report/annual", r::annual, read);
        app.get("/api/analysis", r::analysis, read);
    }

    private void analysis(Context ctx) {
        only(ctx, "/api/analysis", "year");
        Year year = year(ctx);
        Analysis a = Analysis.of(s.site().identity().siteId(), s.site().methodology(), s.site().graph(), s.store().results(),
                s.site().zone(), year);
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses any query parameter not in {@code known} with a 400 naming it and what {@code path} takes. */
    static void only(Context ctx, String path, String... known) {
        java.util.List<String> names = java.util.List.of(known);
        for (String p : ctx.queryParamMap().keySet()) {
            if (!names.contains(p)) {
                throw new BadRequest(p, "unknown parameter `" + p + "`; " + path + " takes " + String.join(" and ", names));
            }
        }
    }

    private static Year year(Context ctx) {
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
        return year;
    }

    private void annual(Context ctx) {
        only(ctx, "/api/report/annual", "year", "format");
        Year year = year(ctx);
        ReportFormat format;
        try {
            format = ReportFormat.fromText(Optional.ofNullable(ctx.queryParam("format")).orElse("pdf"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("format", e.getMessage());
        }
        if (!format.binary()) {
            throw new BadRequest("format", "the annual report is a document: use format=pdf or format=xlsx");
        }
        byte[] body = format.write(AnnualDocument.of(s.site(), s.store().results(), s.store().findings(), year, Instant.now()));
        ctx.header("Content-Disposition", "attachment; filename=\"" + s.site().identity().siteId() + "-" + year + "."
                + format.name().toLowerCase(java.util.Locale.ROOT) + "\"");
        ctx.contentType(format.mediaType()).result(body);
    }
}
