package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tanhe findings}: the running terminal's verification findings (核查发现), through its API. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = {"List the running terminal's verification findings (核查发现: cross-checks, experience ranges, lab reports"
                + " out of time, meters past calibration, year-on-year changes), by period; not alerts (docs/verification.md)."})
public final class FindingsCommand implements Callable<Integer> {
    @Mixin
    LocalTerminal terminal;

    @Option(names = "--from", description = "periods ending after (a time, a day, 2026-06); all without --from and --to")
    String from;

    @Option(names = "--to", description = "periods starting before")
    String to;

    @Option(names = "--node", description = "a node (all its keys), node[key], a point or a meter")
    String node;

    @Option(names = "--limit", description = "at most this many")
    Integer limit;

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("node", node);
        params.put("limit", limit == null ? null : limit.toString());
        StringBuilder q = new StringBuilder("/api/findings");
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.append(q.indexOf("?") < 0 ? '?' : '&').append(k).append('=').append(ApiCommands.enc(v));
            }
        });
        return ApiCommands.run("findings", terminal, json, c -> c.get(q.toString()), FindingsCommand::print);
    }

    static void print(JsonNode page) {
        System.out.println(ApiCommands.cell("CHECK", 14) + " " + ApiCommands.cell("FROM", 20) + " " + ApiCommands.cell("SUBJECT", 34) + " "
                + ApiCommands.cell("MEASURED", 22) + " " + ApiCommands.cell("BOUND", 30) + " CLAUSE");
        for (JsonNode f : page.path("findings")) {
            String measured = f.path("measured").isNull() ? "-" : f.path("measured").asText() + " " + f.path("unit").asText();
            System.out.println(ApiCommands.cell(f.path("check").asText(), 14) + " " + ApiCommands.cell(f.path("from").asText(), 20) + " "
                    + ApiCommands.cell(f.path("subject").asText(), 34) + " " + ApiCommands.cell(measured, 22) + " "
                    + ApiCommands.cell(f.path("bound").asText(), 30) + " " + f.path("clause").asText()
                    + (f.path("template").asBoolean() ? " [template]" : ""));
            System.out.println("    " + f.path("message").asText());
        }
        System.out.println(page.path("count").asInt() + " finding(s)" + (page.path("truncated").asBoolean() ? ", more than shown" : ""));
    }
}
