package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tanhe qa add|list}: the CEMS's quality-assurance records (docs/cems.md) on the running terminal. */
@Command(name = "qa", mixinStandardHelpOptions = true,
        description = {"Quality-assurance records of the stack CEMS (docs/cems.md): zero/span calibrations with their drift,",
                "calibration and maintenance periods (their readings leave the measured figures), relative-accuracy runs and audits."},
        subcommands = {QaCommand.Add.class, QaCommand.ListRecords.class})
public final class QaCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("qa: say `add KIND --from T --to T …` or `list --from T --to T`; tanhe qa --help");
    }

    /** {@code tanhe qa add KIND --from T --to T [--point P] [--reference R] [--measured M] [--range S] [--limit L] [-m NOTE]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = {
            "Record a QA check (needs an administrator's token). A record for hours already stored recomputes them;",
            "each changed figure keeps its earlier value as a revision naming the record."})
    static final class Add implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(index = "0", paramLabel = "KIND",
                description = "zero_calibration, span_calibration, calibration, maintenance, ra_run or ra_audit")
        String kind;

        @Option(names = "--point", defaultValue = "", description = "the measurement point (default every point)")
        String point;

        @Option(names = "--from", required = true, paramLabel = "T", description = "when it began, e.g. 2026-06-01T10:00 (local)")
        String from;

        @Option(names = "--to", required = true, paramLabel = "T", description = "when it ended")
        String to;

        @Option(names = "--reference", paramLabel = "R", description = "calibration gas value, or the reference method's value of a run")
        String reference;

        @Option(names = "--measured", paramLabel = "M", description = "the analyser's reading, or the CEMS value of a run")
        String measured;

        @Option(names = "--range", paramLabel = "S", description = "the analyser's range (calibrations: drift in % of it)")
        String range;

        @Option(names = "--limit", paramLabel = "L", description = "acceptance limit in % (default the site's measurement.qa)")
        String limit;

        @Option(names = {"-m", "--note"}, defaultValue = "", description = "free text: the gas cylinder, the reference method's report")
        String note;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> body = ApiCommands.body("kind", kind, "point", point, "from", from, "to", to, "reference", reference,
                    "measured", measured, "range", range, "limit", limit, "note", note);
            return ApiCommands.run("qa add", terminal, json, c -> c.post("/api/qa", body), a -> {
                System.out.println((a.path("already").asBoolean() ? "already recorded, nothing changed: " : "recorded ") + line(a.path("record")));
                JsonNode r = a.path("recomputed");
                if (!r.isNull() && !r.isMissingNode()) {
                    System.out.println("recomputed the stored hours " + r.path("from").asText() + " – " + r.path("to").asText() + ": "
                            + r.path("revised").asInt() + " figures revised (GET /api/results/revisions shows them)");
                }
            });
        }
    }

    /** {@code tanhe qa list --from T --to T}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The QA records overlapping a range, by start.")
    static final class ListRecords implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Option(names = "--from", required = true, paramLabel = "T", description = "e.g. 2026-06 or 2026-06-01")
        String from;

        @Option(names = "--to", required = true, paramLabel = "T", description = "the end (exclusive), e.g. 2026-07 or 2026-06-30")
        String to;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return ApiCommands.run("qa list", terminal, json, c -> c.get("/api/qa?from=" + ApiCommands.enc(from) + "&to=" + ApiCommands.enc(to)),
                    page -> {
                        if (page.path("records").isEmpty()) {
                            System.out.println("no QA records between " + from + " and " + to);
                        }
                        for (JsonNode r : page.path("records")) {
                            System.out.println(line(r));
                        }
                    });
        }
    }

    /** {@code #3 span_calibration stack1.co2 2026-…Z – 2026-…Z  ref 15 read 15.6 range 20  result 3 % > limit 2.5 %: FAILED  manual:admin  note}. */
    static String line(JsonNode r) {
        StringBuilder b = new StringBuilder("#").append(r.path("id").asLong()).append(' ').append(r.path("kind").asText()).append(' ')
                .append(r.path("point").asText().isEmpty() ? "(every point)" : r.path("point").asText()).append(' ')
                .append(r.path("from").asText()).append(" – ").append(r.path("to").asText());
        number(b, "ref", r.path("reference"));
        number(b, "read", r.path("measured"));
        number(b, "range", r.path("range"));
        if (r.path("result").isNumber()) {
            b.append(String.format(java.util.Locale.ROOT, "  result %.4g %%", r.path("result").asDouble()));
            if (r.path("limit").isNumber()) {
                b.append(String.format(java.util.Locale.ROOT, " (limit %.4g %%): %s", r.path("limit").asDouble(),
                        r.path("passed").asBoolean() ? "passed" : "FAILED"));
            }
        }
        b.append("  ").append(r.path("source").asText());
        if (!r.path("note").asText().isEmpty()) {
            b.append("  ").append(r.path("note").asText());
        }
        return b.toString();
    }

    private static void number(StringBuilder b, String label, JsonNode v) {
        if (v.isNumber()) {
            b.append("  ").append(label).append(' ')
                    .append(new java.math.BigDecimal(v.asText()).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
        }
    }
}
