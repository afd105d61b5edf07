package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tanhe devices}: the running terminal's devices and points with their latest values, and its data centres. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Show the running terminal's devices, their points with the latest stored value, quality and the",
                "device feeding each (on backup or not), and its data centres with their backlog (through its API)."})
public final class DevicesCommand implements Callable<Integer> {
    @Mixin
    LocalTerminal terminal;

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() {
        int exit = ApiCommands.run("devices", terminal, json, c -> c.get("/api/devices"), DevicesCommand::print);
        if (exit != 0) {
            return exit;
        }
        return ApiCommands.run("devices", terminal, json, c -> c.get("/api/uplink/centres"), DevicesCommand::centres);
    }

    private static void print(JsonNode page) {
        for (JsonNode d : page.path("devices")) {
            System.out.println(d.path("id").asText() + "  (" + d.path("delivery").asText()
                    + (d.path("periodSeconds").isNull() ? "" : " every " + d.path("periodSeconds").asDouble() + " s")
                    + (d.path("backup").isNull() ? "" : ", backup " + d.path("backup").asText())
                    + (d.path("backupFor").isNull() ? "" : ", backup of " + d.path("backupFor").asText()) + ")");
            for (JsonNode p : d.path("points")) {
                JsonNode r = p.path("latest");
                System.out.println("  " + ApiCommands.cell(p.path("point").asText(), 24) + " "
                        + ApiCommands.cell(r.isNull() ? "-" : r.path("value").asText() + " " + r.path("unit").asText(), 22) + " "
                        + ApiCommands.cell(r.isNull() ? "NO DATA" : r.path("quality").asText(), 10) + " "
                        + ApiCommands.cell(r.isNull() ? "-" : r.path("measuredAt").asText(), 26) + " via " + p.path("fedBy").asText()
                        + " → " + p.path("feeds").asText());
            }
        }
    }

    private static void centres(JsonNode page) {
        if (!page.path("configured").asBoolean()) {
            System.out.println("data centres: none (the site has no uplink:)");
            return;
        }
        for (JsonNode c : page.path("centres")) {
            System.out.println("centre " + c.path("id").asText() + " (" + c.path("protocol").asText() + " " + c.path("address").asText()
                    + "): " + (c.path("connected").asBoolean() ? "connected" : "not connected") + ", backlog " + c.path("backlog").asLong()
                    + (c.path("lastError").isNull() ? "" : ", last error: " + c.path("lastError").asText()));
        }
    }
}
