package io.tanhe.server.report;

import io.tanhe.server.site.Measurement;
import io.tanhe.server.store.QaRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.tanhe.server.report.document.CjkFont;
import io.tanhe.server.report.document.PdfRenderer;
import io.tanhe.server.report.document.ReportDocument;
import io.tanhe.server.report.document.XlsxRenderer;
import io.tanhe.server.site.SiteIdentity;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a {@link Report} as a table for people, CSV for spreadsheets, JSON for programs, or as the
 * printable document ({@link PeriodicDocument}) in PDF or Excel.
 */
public enum ReportFormat {
    TABLE, CSV, JSON, PDF, XLSX;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> COLUMNS = List.of("bucket", "class", "scope", "source", "value", "unit", "quality",
            "completeness");

    /**
     * The format named {@code text} ({@code table}, {@code csv}, {@code json}, {@code pdf} or {@code xlsx}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the formats
     */
    public static ReportFormat fromText(String text) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format `" + text + "`; use table, csv, json, pdf or xlsx");
    }

    /** The format a file name's extension implies ({@code .pdf}, {@code .xlsx}, {@code .csv}, {@code .json}, else table). */
    public static ReportFormat forFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f != TABLE && lower.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return TABLE;
    }

    /** True for PDF and Excel, which are bytes, not text. */
    public boolean binary() {
        return this == PDF || this == XLSX;
    }

    /**
     * The report in this format as bytes (text as UTF-8).
     *
     * @param identity  who the report is for (the PDF's and workbook's heading)
     * @param generated when it was made
     * @throws io.tanhe.server.report.document.ReportFontMissing for a PDF when no font with Chinese glyphs is installed ({@link CjkFont#find()})
     */
    public byte[] bytes(Report report, SiteIdentity identity, Instant generated) {
        if (!binary()) {
            return render(report).getBytes(StandardCharsets.UTF_8);
        }
        return write(PeriodicDocument.of(report, identity, generated));
    }

    /** A document (periodic or annual) in this format, which must be PDF or XLSX. */
    public byte[] write(ReportDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (this) {
            case PDF -> new PdfRenderer(CjkFont.find()).write(document, out);
            case XLSX -> new XlsxRenderer().write(document, out);
            default -> throw new IllegalArgumentException("a " + name().toLowerCase(Locale.ROOT)
                    + " file holds the bucket table only; write the document as pdf or xlsx");
        }
        return out.toByteArray();
    }

    /** The HTTP content type of the rendered text. */
    public String mediaType() {
        return switch (this) {
            case TABLE -> "text/plain; charset=utf-8";
            case CSV -> "text/csv; charset=utf-8";
            case JSON -> "application/json; charset=utf-8";
            case PDF -> "application/pdf";
            case XLSX -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        };
    }

    /**
     * The report as text.
     *
     * @throws IllegalArgumentException for PDF and XLSX, which are {@link #bytes}
     */
    public String render(Report report) {
        return switch (this) {
            case TABLE -> table(report);
            case CSV -> csv(report);
            case JSON -> json(report);
            case PDF, XLSX -> throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " is not text; use bytes()");
        };
    }

    /** Each bucket's lines: sources and totals, then production and intensity. */
    private static Map<Instant, List<ReportLine>> all(Report report) {
        Map<Instant, List<ReportLine>> out = new TreeMap<>();
        report.buckets().forEach((start, lines) -> out.computeIfAbsent(start, s -> new ArrayList<>()).addAll(lines));
        report.measures().forEach((start, lines) -> out.computeIfAbsent(start, s -> new ArrayList<>()).addAll(lines));
        return out;
    }

    private static List<List<String>> rows(Report report) {
        List<List<String>> rows = new ArrayList<>();
        all(report).forEach((start, lines) -> {
            for (ReportLine l : lines) {
                ResultRow r = l.row();
                rows.add(List.of(LOCAL.format(start.atZone(report.zone())), l.classText(),
                        l.scope() == null ? "" : l.scope().name().toLowerCase(Locale.ROOT),
                        l.label(), number(r.value()), r.unit(), r.quality().name(), percent(r.completeness())));
            }
        });
        return rows;
    }

    private static String table(Report report) {
        StringBuilder b = new StringBuilder();
        b.append(header(report)).append('\n');
        List<List<String>> rows = rows(report);
        if (rows.isEmpty()) {
            b.append("no results in this range (is the terminal running, and is the range right?)\n");
            findingsTable(b, report);
            return b.toString();
        }
        int[] width = new int[COLUMNS.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = COLUMNS.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        appendRow(b, COLUMNS, width);
        b.append("-".repeat(java.util.Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
        String previous = null;
        for (List<String> r : rows) {
            List<String> shown = new ArrayList<>(r);
            if (r.get(0).equals(previous)) {
                shown.set(0, "");
            }
            previous = r.get(0);
            appendRow(b, shown, width);
        }
        methodsTable(b, report);
        findingsTable(b, report);
        return b.toString();
    }

    /** The verification findings of the range, one line each with the verifier's sentence under it; nothing when none. */
    private static void findingsTable(StringBuilder b, Report report) {
        if (report.findings().isEmpty()) {
            return;
        }
        b.append('\n').append("verification findings (核查发现; not alerts): ").append(report.findings().size()).append('\n');
        for (io.tanhe.server.store.StoredFinding s : report.findings()) {
            var f = s.finding();
            b.append(f.check()).append(f.template() ? " (template)" : "").append("  ").append(f.clause()).append("  ")
                    .append(f.subject()).append("  ").append(LOCAL.format(f.from().atZone(report.zone())))
                    .append("  ").append(Double.isFinite(f.measured()) ? number(f.measured()) + " " + f.unit() : "—")
                    .append("  bound ").append(f.bound()).append('\n')
                    .append("    ").append(f.message()).append('\n');
        }
    }

    /** Both methods, one block per compared boundary: the figures, δ, the measured hours' capture rate and substitutions, the finding. */
    private static void methodsTable(StringBuilder b, Report report) {
        Measurement.Comparison current = null;
        for (BothMethods.Row r : report.methods().rows()) {
            if (!r.pair().equals(current)) {
                current = r.pair();
                b.append('\n').append("both methods: ").append(current.measuredTarget()).append(" by measurement (CEMS), ")
                        .append(current.accountingTarget()).append(" by accounting; bound ±")
                        .append(BigDecimal.valueOf(current.bound() * 100).stripTrailingZeros().toPlainString()).append(" %\n");
                b.append(String.format(Locale.ROOT, "%-16s  %14s  %14s  %9s  %8s  %11s  %s%n", "bucket", "CEMS", "accounting", "δ",
                        "capture", "substituted", "finding"));
            }
            b.append(String.format(Locale.ROOT, "%-16s  %14s  %14s  %9s  %8s  %11s  %s", LOCAL.format(r.start().atZone(report.zone())),
                    r.measured().map(m -> number(m.value())).orElse("—"), r.accounted().map(a -> number(a.value())).orElse("—"),
                    Double.isNaN(r.deviation()) ? "—" : String.format(Locale.ROOT, "%+.3f%%", r.deviation() * 100),
                    Double.isNaN(r.captureRate()) ? "—" : percent(r.captureRate()), r.substituted() + "/" + r.hours(),
                    r.finding().orElse("")).stripTrailing()).append('\n');
        }
        if (!report.methods().rows().isEmpty()) {
            b.append("unit: ").append(report.methods().rows().getFirst().accounted().map(ResultRow::unit)
                    .or(() -> report.methods().rows().getFirst().measured().map(ResultRow::unit)).orElse("")).append("; ")
                    .append(report.methods().rows().stream().filter(r -> r.finding().isPresent()).count()).append(" finding(s)\n");
        }
        for (QaRecord q : report.methods().qa()) {
            b.append("QA ").append(q.kind().label()).append(' ').append(q.pointId().isEmpty() ? "(all points)" : q.pointId()).append(' ')
                    .append(LOCAL.format(q.from().atZone(report.zone()))).append(" … ").append(LOCAL.format(q.to().atZone(report.zone())))
                    .append(Double.isNaN(q.result()) ? "" : " result " + BigDecimal.valueOf(q.result()).stripTrailingZeros().toPlainString() + " %")
                    .append(q.passed().map(p -> p ? " (passed)" : " (FAILED)").orElse("")).append(" — ").append(q.source())
                    .append(q.note().isEmpty() ? "" : ": " + q.note()).append('\n');
        }
    }

    private static void appendRow(StringBuilder b, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            boolean right = i == 4 || i == 7;
            String c = cells.get(i);
            String padded = right ? " ".repeat(width[i] - c.length()) + c : c + " ".repeat(width[i] - c.length());
            b.append(padded).append(i + 1 < cells.size() ? "  " : "");
        }
        b.append('\n');
    }

    private static String header(Report r) {
        return "site " + r.site() + "  methodology " + r.methodology().id() + " " + r.methodology().version()
                + " (" + r.methodology().contentHash().substring(0, Math.min(12, r.methodology().contentHash().length())) + ")"
                + "  grain " + r.grain().label() + "  " + LOCAL.format(r.range().from().atZone(r.zone())) + " … "
                + LOCAL.format(r.range().to().atZone(r.zone())) + " (" + r.zone() + ")";
    }

    private static String csv(Report report) {
        StringBuilder b = new StringBuilder("bucket_start,bucket_end,class,scope,source,value,unit,quality,completeness\n");
        all(report).forEach((start, lines) -> {
            for (ReportLine l : lines) {
                ResultRow r = l.row();
                b.append(r.start()).append(',').append(r.end()).append(',')
                        .append(l.classText()).append(',')
                        .append(l.scope() == null ? "" : l.scope().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(quote(l.label())).append(',').append(number(r.value())).append(',').append(quote(r.unit()))
                        .append(',').append(r.quality().name()).append(',').append(r.completeness()).append('\n');
            }
        });
        return b.toString();
    }

    private static String json(Report report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "tanhe.report/1");
        doc.put("site", report.site());
        doc.put("methodology", Map.of("id", report.methodology().id(), "version", report.methodology().version(),
                "contentHash", report.methodology().contentHash()));
        doc.put("zone", report.zone().getId());
        doc.put("grain", report.grain().label());
        doc.put("from", report.range().from().toString());
        doc.put("to", report.range().to().toString());
        List<Map<String, Object>> buckets = new ArrayList<>();
        report.buckets().forEach((start, lines) -> {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", start.toString());
            bucket.put("end", lines.get(0).row().end().toString());
            List<Map<String, Object>> sources = new ArrayList<>();
            List<Map<String, Object>> totals = new ArrayList<>();
            List<Map<String, Object>> measures = new ArrayList<>();
            List<ReportLine> both = new ArrayList<>(lines);
            both.addAll(report.measures().getOrDefault(start, List.of()));
            for (ReportLine l : both) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", l.label());
                m.put("title", l.title());
                if (l.kind() == ReportLine.Kind.SOURCE) {
                    m.put("class", l.emissionClass().keyword());
                    m.put("scope", l.scope().name().toLowerCase(Locale.ROOT));
                }
                m.put("value", l.row().value());
                m.put("unit", l.row().unit());
                m.put("quality", l.row().quality().name());
                m.put("completeness", l.row().completeness());
                m.put("revision", l.row().revision());
                if (l.kind() == ReportLine.Kind.PRODUCTION || l.kind() == ReportLine.Kind.INTENSITY) {
                    m.put("kind", l.classText());
                }
                (switch (l.kind()) {
                    case SOURCE -> sources;
                    case TOTAL -> totals;
                    case PRODUCTION, INTENSITY -> measures;
                }).add(m);
            }
            bucket.put("sources", sources);
            bucket.put("totals", totals);
            if (!measures.isEmpty()) {
                bucket.put("measures", measures);
            }
            buckets.add(bucket);
        });
        doc.put("buckets", buckets);
        if (!report.methods().rows().isEmpty() || !report.methods().qa().isEmpty()) {
            doc.put("methods", methodsJson(report.methods()));
            doc.put("qa", report.methods().qa().stream().map(ReportFormat::qaJson).toList());
        }
        if (!report.findings().isEmpty()) {
            doc.put("findings", report.findings().stream().map(io.tanhe.server.store.StoredFinding::fields).toList());
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> methodsJson(BothMethods methods) {
        Map<Measurement.Comparison, List<Map<String, Object>>> byPair = new LinkedHashMap<>();
        for (BothMethods.Row r : methods.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", r.start().toString());
            m.put("end", r.end().toString());
            r.measured().ifPresent(v -> m.put("measured", figure(v)));
            r.accounted().ifPresent(v -> m.put("accounting", figure(v)));
            m.put("deviation", Double.isNaN(r.deviation()) ? null : r.deviation());
            m.put("captureRate", Double.isNaN(r.captureRate()) ? null : r.captureRate());
            m.put("hours", r.hours());
            m.put("substitutedHours", r.substituted());
            r.finding().ifPresent(f -> m.put("finding", f));
            byPair.computeIfAbsent(r.pair(), p -> new ArrayList<>()).add(m);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byPair.forEach((pair, rows) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("measured", pair.measuredTarget());
            m.put("accounting", pair.accountingTarget());
            m.put("bound", pair.bound());
            m.put("buckets", rows);
            out.add(m);
        });
        return out;
    }

    private static Map<String, Object> figure(ResultRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", r.value());
        m.put("unit", r.unit());
        m.put("quality", r.quality().name());
        m.put("completeness", r.completeness());
        return m;
    }

    private static Map<String, Object> qaJson(QaRecord q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("kind", q.kind().label());
        m.put("point", q.pointId());
        m.put("from", q.from().toString());
        m.put("to", q.to().toString());
        String[] names = {"reference", "measured", "range", "result", "limit"};
        double[] values = {q.reference(), q.measured(), q.range(), q.result(), q.limit()};
        for (int i = 0; i < names.length; i++) {
            if (!Double.isNaN(values[i])) {
                m.put(names[i], values[i]);
            }
        }
        q.passed().ifPresent(p -> m.put("passed", p));
        m.put("source", q.source());
        m.put("note", q.note());
        return m;
    }

    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    private static String percent(double c) {
        return BigDecimal.valueOf(c * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
