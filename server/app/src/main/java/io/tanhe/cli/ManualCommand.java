package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tanhe manual points|enter|versions}: values entered by hand (§7.2.2) into the running terminal. */
@Command(name = "manual", mixinStandardHelpOptions = true,
        description = {"Enter values by hand into the running terminal (§7.2.2): a month's lab NCV or carbon content,",
                "a month's fuel use. A correction is a new version; the old one stays stored (docs/operations.md)."},
        subcommands = {ManualCommand.Points.class, ManualCommand.Enter.class, ManualCommand.Versions.class})
public final class ManualCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("manual: say `points`, `enter POINT VALUE --period P` or `versions POINT --period P`; tanhe manual --help");
    }

    /** {@code tanhe manual points}. */
    @Command(name = "points", mixinStandardHelpOptions = true, description = "The points entered by hand, with unit and period.")
    static final class Points implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return ApiCommands.run("manual points", terminal, json, c -> c.get("/api/manual-points"), page -> {
                for (JsonNode p : page.path("points")) {
                    System.out.println(ApiCommands.cell(p.path("point").asText(), 24) + " " + ApiCommands.cell(p.path("unit").asText(), 10)
                            + " " + ApiCommands.cell(p.path("period").isNull() ? "-" : "per " + p.path("period").asText(), 12)
                            + " feeds " + p.path("feeds").asText() + " (source " + p.path("source").asText() + ")");
                }
            });
        }
    }

    /** {@code tanhe manual enter POINT VALUE --period P [--unit U] [--comment C]}. */
    @Command(name = "enter", mixinStandardHelpOptions = true, description = "Enter a value (needs an administrator's token).")
    static final class Enter implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(index = "0", paramLabel = "POINT", description = "the point, as `tanhe manual points` lists it")
        String point;

        @Parameters(index = "1", paramLabel = "VALUE", description = "the value, with the digits to keep (0.5310)")
        String value;

        @Option(names = "--period", paramLabel = "P", description = "a time inside the value's period, e.g. 2026-06 (per-period points)")
        String period;

        @Option(names = "--at", paramLabel = "T", description = "the value's time (other points)")
        String at;

        @Option(names = "--unit", defaultValue = "", description = "the value's unit (default: the point's; another is refused, never converted)")
        String unit;

        @Option(names = {"-m", "--comment"}, defaultValue = "", description = "why or from where, e.g. \"lab report No. 17\"")
        String comment;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> body = ApiCommands.body("point", point, "period", period, "at", at, "value", value,
                    "unit", unit.isEmpty() ? null : unit, "comment", comment);
            return ApiCommands.run("manual enter", terminal, json, c -> c.post("/api/manual-entries", body), a -> {
                JsonNode cur = a.path("current");
                System.out.println(a.path("unchanged").asBoolean()
                        ? point + " already has " + cur.path("value").asText() + " " + cur.path("unit").asText() + " (version "
                        + a.path("version").asInt() + "); nothing changed"
                        : point + " = " + cur.path("value").asText() + " " + cur.path("unit").asText() + " at " + cur.path("measuredAt").asText()
                        + ", version " + a.path("version").asInt() + (a.path("version").asInt() > 1 ? " (earlier versions kept)" : ""));
                Versions.print(a.path("versions"));
            });
        }
    }

    /** {@code tanhe manual versions POINT --period P}. */
    @Command(name = "versions", mixinStandardHelpOptions = true, description = "Every version of a period's value, oldest first.")
    static final class Versions implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(paramLabel = "POINT", description = "a manually entered point (tanhe manual points lists them)")
        String point;

        @Option(names = "--period", required = true, paramLabel = "P", description = "a time inside the period, e.g. 2026-06")
        String period;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return ApiCommands.run("manual versions", terminal, json, c -> c.get("/api/manual-entries?point=" + ApiCommands.enc(point)
                    + "&period=" + ApiCommands.enc(period)), a -> print(a.path("versions")));
        }

        static void print(JsonNode versions) {
            int n = 1;
            for (JsonNode v : versions) {
                System.out.println("  v" + n++ + "  " + ApiCommands.cell(v.path("measuredAt").asText(), 26) + " "
                        + ApiCommands.cell(v.path("value").asText() + " " + v.path("unit").asText(), 16) + " " + v.path("detail").asText());
            }
        }
    }
}
