package io.tanhe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.incremental.Revision;
import io.tanhe.engine.time.Grain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tanhe eval FILE --data OBS.csv …}: evaluates observations and prints results per bucket. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a methodology over observations from a CSV file and print results per bucket.",
                "CSV header: timestamp,input,key,value,unit[,quality]; times in ISO-8601 (local times are in --zone).",
                "Every node is computed per minute; coarser buckets sum emissions and amounts and recompute ratios."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "methodology (.tanhe) file")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "OBS.csv", description = "observations")
    Path data;

    @Option(names = "--factors", paramLabel = "TABLE", description = "a factor table whose values override the defaults (site values)")
    Path factors;

    @Option(names = "--from", required = true, paramLabel = "T", description = "first bucket start (inclusive)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "T", description = "end (exclusive)")
    String to;

    @Option(names = "--grain", defaultValue = "hour", paramLabel = "G",
            description = "minute, 15min, hour, day, month, quarter or year (default: ${DEFAULT-VALUE})")
    String grain;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--nodes", split = ",", paramLabel = "NAME", description = "nodes to print (default: emissions and totals)")
    List<String> nodes;

    @Option(names = "--all", description = "print every computed value, not only emissions and totals")
    boolean all;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "time zone of buckets and local times (default: ${DEFAULT-VALUE})")
    String zone;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ZoneId z = ZoneId.of(zone);
        Grain g = Grain.fromLabel(grain);
        Instant start = TimeArgument.parse(from, z);
        Instant end = TimeArgument.parse(to, z);
        OfflineRun run = OfflineRun.start(file, data, factors, z, g, System.err);
        if (run == null) {
            return 1;
        }
        Set<String> which = new LinkedHashSet<>();
        if (nodes != null) {
            for (String n : nodes) {
                if (run.evaluator.graph().node(n).isEmpty()) {
                    System.err.println("eval: no node `" + n + "` in " + file);
                    return 2;
                }
                which.add(n);
            }
        } else {
            run.evaluator.graph().nodes().stream()
                    .filter(n -> all ? n.kind().computed() : n.kind() == io.tanhe.engine.graph.NodeKind.EMISSION
                            || n.kind() == io.tanhe.engine.graph.NodeKind.TOTAL)
                    .forEach(n -> which.add(n.name()));
        }
        // keys without activity in a bucket (no diesel burned) are not results; failed ones are
        List<ResultValue> results = run.evaluator.results(g, start, end, which).stream()
                .filter(r -> r.present() || r.failed()).toList();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> csv(results, z, out);
            case "json" -> json(results, run, z, out);
            default -> table(results, run, z, out);
        }
        return results.stream().anyMatch(ResultValue::failed) ? 1 : 0;
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static void table(List<ResultValue> results, OfflineRun run, ZoneId z, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"bucket", "node", "value", "unit", "quality", "complete"});
        for (ResultValue r : results) {
            rows.add(new String[]{r.bucket().start().atZone(z).format(LOCAL), r.label(),
                    r.present() ? number(r.value()) : r.failed() ? "FAILED: " + r.problemText() : "—", r.unit().text(),
                    r.quality().name(), String.format(Locale.ROOT, "%.1f%%", r.completeness() * 100)});
        }
        int[] width = new int[6];
        rows.forEach(row -> {
            for (int i = 0; i < 6; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                String cell = i == 2 ? " ".repeat(width[i] - row[i].length()) + row[i] : row[i] + " ".repeat(width[i] - row[i].length());
                line.append(cell).append(i < 5 ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
        List<Revision> revisions = run.evaluator.revisions();
        out.println((rows.size() - 1) + " values, " + run.observations + " observations"
                + (revisions.isEmpty() ? "" : ", " + revisions.size() + " revisions from late data"));
    }

    private static void csv(List<ResultValue> results, ZoneId z, PrintStream out) {
        out.println("bucket_start,grain,node,key,value,unit,quality,completeness,status");
        for (ResultValue r : results) {
            out.println(String.join(",", r.bucket().start().atZone(z).toOffsetDateTime().toString(), r.bucket().grain().label(),
                    r.node(), quote(r.key()), r.present() ? number(r.value()) : "", r.unit().text(), r.quality().name(),
                    String.valueOf(r.completeness()), r.present() ? "present" : r.failed() ? "failed" : "absent"));
        }
    }

    private static void json(List<ResultValue> results, OfflineRun run, ZoneId z, PrintStream out) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ResultValue r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", r.bucket().start().atZone(z).toOffsetDateTime().toString());
            m.put("grain", r.bucket().grain().label());
            m.put("node", r.node());
            m.put("key", r.key());
            m.put("value", r.present() ? r.value() : null);
            m.put("unit", r.unit().text());
            m.put("quality", r.quality().name());
            m.put("completeness", r.completeness());
            m.put("status", r.present() ? "present" : r.failed() ? "failed" : "absent");
            if (r.failed()) {
                m.put("problem", (r.problem() == null ? "" : r.problem() + " ") + r.problemText());
            }
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("methodology", run.methodology());
        doc.put("results", rows);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    }

    private static String quote(String s) {
        return s.contains(",") ? "\"" + s + "\"" : s;
    }

    /** Six decimals at most: enough for tCO2 to the gram, few enough to read. */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
