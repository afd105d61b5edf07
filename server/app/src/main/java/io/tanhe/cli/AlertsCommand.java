package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tanhe alerts list|ack}: the running terminal's alerts, through its API. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"List and acknowledge the running terminal's alerts (through its API; docs/operations.md)."},
        subcommands = {AlertsCommand.List.class, AlertsCommand.Ack.class})
public final class AlertsCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("alerts: say `list` or `ack ID`; tanhe alerts --help");
    }

    /** {@code tanhe alerts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List alerts, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Option(names = "--state", defaultValue = "open", description = "open, raised, acknowledged, cleared or all (default: ${DEFAULT-VALUE})")
        String state;

        @Option(names = "--severity", description = "the lowest severity shown: info, warning, major, critical")
        String severity;

        @Option(names = "--rule", description = "only rules whose id contains this")
        String rule;

        @Option(names = "--from", description = "raised at or after (a time, a day, 2026-06)")
        String from;

        @Option(names = "--to", description = "raised before")
        String to;

        @Option(names = "--limit", description = "at most this many")
        Integer limit;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            StringBuilder q = new StringBuilder("/api/alerts?state=").append(ApiCommands.enc(state));
            Map.of("severity", severity == null ? "" : severity, "rule", rule == null ? "" : rule, "from", from == null ? "" : from,
                    "to", to == null ? "" : to, "limit", limit == null ? "" : limit.toString())
                    .forEach((k, v) -> {
                        if (!v.isEmpty()) {
                            q.append('&').append(k).append('=').append(ApiCommands.enc(v));
                        }
                    });
            return ApiCommands.run("alerts list", terminal, json, c -> c.get(q.toString()), List::print);
        }

        static void print(JsonNode page) {
            System.out.println(ApiCommands.cell("ID", 6) + " " + ApiCommands.cell("STATE", 12) + " " + ApiCommands.cell("SEVERITY", 9)
                    + " " + ApiCommands.cell("RAISED", 20) + " " + ApiCommands.cell("RULE", 34) + " ACKNOWLEDGED BY / COMMENT");
            for (JsonNode a : page.path("alerts")) {
                String ack = a.path("acknowledgedBy").asText("");
                String comment = a.path("acknowledgeComment").asText("");
                System.out.println(ApiCommands.cell(a.path("id").asText(), 6) + " " + ApiCommands.cell(a.path("state").asText(), 12) + " "
                        + ApiCommands.cell(a.path("severity").asText(), 9) + " " + ApiCommands.cell(a.path("raisedAt").asText(), 20) + " "
                        + ApiCommands.cell(a.path("rule").asText(), 34) + " "
                        + (ack.isEmpty() ? "-" : ack + (comment.isEmpty() ? "" : ": " + comment)));
            }
            System.out.println(page.path("count").asInt() + " alert(s)" + (page.path("truncated").asBoolean() ? ", more than shown" : ""));
        }
    }

    /** {@code tanhe alerts ack ID --comment TEXT}. */
    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert (needs an administrator's token).")
    static final class Ack implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(paramLabel = "ID", description = "the alert's id, as `tanhe alerts list` shows it")
        String id;

        @Option(names = {"-m", "--comment"}, defaultValue = "", description = "why: what was checked or done")
        String comment;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return ApiCommands.run("alerts ack", terminal, json,
                    c -> c.post("/api/alerts/" + ApiCommands.enc(id.strip()) + "/ack", Map.of("comment", comment)),
                    a -> System.out.println("alert " + a.path("id").asText() + " (" + a.path("rule").asText() + ") "
                            + (a.path("already").asBoolean() ? "was already acknowledged" : "acknowledged") + " by "
                            + a.path("acknowledgedBy").asText() + " at " + a.path("acknowledgedAt").asText()
                            + (a.path("acknowledgeComment").asText("").isEmpty() ? "" : ": " + a.path("acknowledgeComment").asText())));
        }
    }
}
