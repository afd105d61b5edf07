package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tanhe poll --device D | --point P | --all}: acquisition on command (§9.1) by the running terminal. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"Poll now, outside the schedule (§9.1): one device, the devices of one point, or all; prints the",
                "readings, which are stored and evaluated as scheduled ones are (needs an administrator's token)."})
public final class PollCommand implements Callable<Integer> {
    @Mixin
    LocalTerminal terminal;

    @ArgGroup(multiplicity = "1")
    Target target;

    /** Exactly one of these. */
    static final class Target {
        @Option(names = "--device", paramLabel = "ID", description = "a polled device")
        String device;

        @Option(names = "--point", paramLabel = "ID", description = "the devices that feed this point")
        String point;

        @Option(names = "--all", description = "every polled device")
        boolean all;
    }

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> body = target.device != null ? Map.of("device", target.device)
                : target.point != null ? Map.of("point", target.point) : Map.of("all", true);
        return ApiCommands.run("poll", terminal, json, c -> c.post("/api/poll", body), PollCommand::print);
    }

    private static void print(JsonNode answer) {
        for (JsonNode r : answer.path("readings")) {
            System.out.println(ApiCommands.cell(r.path("point").asText(), 24) + " "
                    + ApiCommands.cell(r.path("value").isNull() ? "-" : r.path("value").asText() + " " + r.path("unit").asText(), 22) + " "
                    + ApiCommands.cell(r.path("quality").asText(), 10) + " " + r.path("measuredAt").asText() + "  " + r.path("source").asText()
                    + (r.path("detail").asText("").isEmpty() ? "" : "  " + r.path("detail").asText()));
        }
        System.out.println(answer.path("readings").size() + " reading(s) from " + answer.path("devices").size() + " device(s)");
    }
}
