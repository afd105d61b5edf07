package io.tanhe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tanhe backfill --grain G --from T --to T --reason R [--centre C]… [--indicators CODE,…]}: manual backfill
 * (§7.2.4 (5)).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Re-send a range of results to data centres, marked as manual (§7.2.4 (5), 人工补传); the progress is",
                "each centre's backlog (tanhe devices). Needs an administrator's token."})
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    LocalTerminal terminal;

    @Option(names = "--centre", paramLabel = "ID", description = "a centre (repeat for several; default: every centre)")
    List<String> centres;

    @Option(names = "--grain", required = true, description = "15min, hour, day or month")
    String grain;

    @Option(names = "--from", required = true, description = "the first bucket's start (a time, a day, 2026-06)")
    String from;

    @Option(names = "--to", required = true, description = "the end (exclusive)")
    String to;

    @Option(names = "--reason", required = true, description = "why, e.g. \"meter M3 replaced, readings corrected\"")
    String reason;

    @Option(names = "--indicators", split = ",", paramLabel = "CODE", description = {"only these indicators: the centres' codes",
            "(HJ 212 a05001) or result nodes (E), comma-separated (default: every indicator)"})
    List<String> indicators;

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (centres != null) {
            body.put("centres", centres);
        }
        if (indicators != null) {
            body.put("indicators", indicators);
        }
        body.put("grain", grain);
        body.put("from", from);
        body.put("to", to);
        body.put("reason", reason);
        return ApiCommands.run("backfill", terminal, json, c -> c.post("/api/backfill", body), a -> {
            a.path("queued").fields().forEachRemaining(e -> System.out.println("centre " + e.getKey() + ": " + e.getValue().asInt()
                    + " upload(s) queued, marked manual"));
            if (a.path("repeated").asBoolean()) {
                System.out.println("(the same backfill was asked at " + a.path("at").asText() + "; nothing queued again)");
            }
        });
    }
}
