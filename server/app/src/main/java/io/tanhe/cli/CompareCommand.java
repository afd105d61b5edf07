package io.tanhe.cli;

import io.tanhe.engine.cems.MethodComparison;
import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tanhe compare}: one boundary by the measurement method (a CEMS methodology) and the
 * accounting method, bucket by bucket, with their relative deviation and a verification finding
 * past {@code --bound} (docs/cems.md).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare one boundary's emission by the measurement method (CEMS) and by the accounting method.",
                "Prints both figures per bucket, δ = (CEMS − accounting)/accounting, and a finding where |δ| passes --bound.",
                "Exit code 1 when there is a finding."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--measured", required = true, paramLabel = "FILE", description = "the measurement methodology, e.g. methodologies/cems-co2/cems-co2.tanhe")
    Path measured;

    @Option(names = "--measured-data", required = true, paramLabel = "OBS.csv", description = "its observations")
    Path measuredData;

    @Option(names = "--measured-factors", paramLabel = "TABLE", description = "site factor values for it (duct area, K_v …)")
    Path measuredFactors;

    @Option(names = "--measured-node", required = true, paramLabel = "NODE[KEY]", description = "e.g. co2_measured[stack1]")
    String measuredNode;

    @Option(names = "--accounting", required = true, paramLabel = "FILE", description = "the accounting methodology")
    Path accounting;

    @Option(names = "--accounting-data", required = true, paramLabel = "OBS.csv", description = "its observations")
    Path accountingData;

    @Option(names = "--accounting-factors", paramLabel = "TABLE", description = "site factor values for it")
    Path accountingFactors;

    @Option(names = "--accounting-node", required = true, paramLabel = "NODE[KEY]", description = "e.g. coal_combustion[unit1]")
    String accountingNode;

    @Option(names = "--bound", required = true, paramLabel = "PERCENT",
            description = "the largest |δ| accepted, in % (no standard gives one; see docs/cems.md)")
    double boundPercent;

    @Option(names = "--from", required = true, paramLabel = "T", description = "first bucket start (inclusive)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "T", description = "end (exclusive)")
    String to;

    @Option(names = "--grain", defaultValue = "hour", paramLabel = "G", description = "hour, day, month … (default: ${DEFAULT-VALUE})")
    String grain;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "time zone of buckets (default: ${DEFAULT-VALUE})")
    String zone;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (!(boundPercent > 0)) {
            System.err.println("compare: --bound must be a positive percentage, e.g. 5 for ±5 %");
            return 2;
        }
        ZoneId z = ZoneId.of(zone);
        Grain g = Grain.fromLabel(grain);
        Instant start = TimeArgument.parse(from, z);
        Instant end = TimeArgument.parse(to, z);
        OfflineRun m = OfflineRun.start(measured, measuredData, measuredFactors, z, g, System.err);
        OfflineRun a = m == null ? null : OfflineRun.start(accounting, accountingData, accountingFactors, z, g, System.err);
        if (a == null) {
            return 2;
        }
        String[] mn = nodeAndKey(measuredNode);
        String[] an = nodeAndKey(accountingNode);
        if (m.evaluator.graph().node(mn[0]).isEmpty() || a.evaluator.graph().node(an[0]).isEmpty()) {
            System.err.println("compare: no node `" + (m.evaluator.graph().node(mn[0]).isEmpty() ? mn[0] + "` in " + measured
                    : an[0] + "` in " + accounting));
            return 2;
        }
        out.println(String.format(Locale.ROOT, "%-16s  %16s  %16s  %9s  %s", "bucket", "CEMS", "accounting", "δ", "finding").stripTrailing());
        int findings = 0;
        for (TimeBucket b = TimeBucket.of(g, start, z); b.start().isBefore(end); b = b.next()) {
            ResultValue mv = result(m, mn, b);
            ResultValue av = result(a, an, b);
            MethodComparison c;
            try {
                c = MethodComparison.of(mv, av, boundPercent / 100);
            } catch (IllegalArgumentException e) {
                System.err.println("compare: " + e.getMessage());
                return 2;
            }
            findings += c.finding().isPresent() ? 1 : 0;
            out.println(String.format(Locale.ROOT, "%-16s  %16s  %16s  %9s  %s", b.start().atZone(z).format(LOCAL),
                    mv.present() ? EvalCommand.number(mv.value() * mv.unit().conversionFactor(av.unit())) : "—",
                    av.present() ? EvalCommand.number(av.value()) : "—",
                    Double.isNaN(c.deviation()) ? "—" : String.format(Locale.ROOT, "%+.3f%%", c.deviation() * 100),
                    c.finding().orElse("")).stripTrailing());
        }
        out.println("unit: " + a.evaluator.graph().node(an[0]).orElseThrow().unit().text() + "; bound ±" + boundPercent + " %; "
                + findings + (findings == 1 ? " finding" : " findings"));
        return findings > 0 ? 1 : 0;
    }

    private static ResultValue result(OfflineRun run, String[] nodeKey, TimeBucket b) {
        var node = run.evaluator.graph().node(nodeKey[0]).orElseThrow();
        return run.evaluator.result(nodeKey[0], nodeKey[1], b).orElse(new ResultValue(nodeKey[0], nodeKey[1], b, Double.NaN,
                node.unit(), io.tanhe.engine.time.Quality.MISSING, 0, false, false, null, null));
    }

    /** {@code co2_measured[stack1]} → {co2_measured, stack1}; a scalar has the key "". */
    private static String[] nodeAndKey(String text) {
        int open = text.indexOf('[');
        return open < 0 || !text.endsWith("]") ? new String[]{text, ""}
                : new String[]{text.substring(0, open), text.substring(open + 1, text.length() - 1)};
    }
}
