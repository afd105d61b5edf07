package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tanhe jobs list|start|show|cancel}: the running terminal's long work (recompute a range of closed days,
 * export, import, backup, restore) with a progress bar.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Long work on the running terminal, with progress: recompute closed days, export, import, backup,",
                "restore (the terminal restarts to apply it)",
                "Starting and cancelling need an administrator's token (docs/operations.md)."},
        subcommands = {JobsCommand.List.class, JobsCommand.Start.class, JobsCommand.Show.class, JobsCommand.Cancel.class})
public final class JobsCommand implements Runnable {
    private static final int BAR = 30;

    @Override
    public void run() {
        System.err.println("jobs: say list, start KIND, show ID or cancel ID; tanhe jobs --help");
    }

    static String line(JsonNode j) {
        int filled = (int) Math.round(j.path("progress").asDouble() * BAR);
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + String.format("%3d %%", Math.round(j.path("progress").asDouble() * 100));
        String tail = j.path("outcome").asText("").isEmpty() ? j.path("step").asText("") : j.path("outcome").asText();
        return "job " + j.path("id").asLong() + " " + ApiCommands.cell(j.path("state").asText(), 9) + " " + bar + "  " + j.path("what").asText()
                + (tail.isEmpty() ? "" : " — " + tail);
    }

    /** Shows {@code id} until it ends: a bar redrawn in place on a terminal, a line per change otherwise. */
    static int follow(String command, ApiClient client, long id) throws IOException, InterruptedException {
        String last = "";
        boolean tty = System.console() != null;
        while (true) {
            ApiClient.Answer a = client.get("/api/jobs/" + id);
            if (!a.ok()) {
                System.err.println(command + ": " + a.problem());
                return a.exit();
            }
            JsonNode j = a.json();
            String now = line(j);
            if (!now.equals(last)) {
                System.out.print(tty ? "\r" + now : now + "\n");
                last = now;
            }
            String state = j.path("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                if (tty) {
                    System.out.println();
                }
                return state.equals("DONE") ? 0 : 1;
            }
            Thread.sleep(250);
        }
    }

    /** {@code tanhe jobs list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The jobs, newest first.")
    static final class List implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() {
            return ApiCommands.run("jobs list", terminal, json, c -> c.get("/api/jobs"), page -> {
                page.path("jobs").forEach(j -> System.out.println(line(j)));
                if (page.path("jobs").isEmpty()) {
                    System.out.println("no jobs since the terminal started");
                }
            });
        }
    }

    /** {@code tanhe jobs start recompute|export|import|backup|restore …}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = {"Start a job and follow it with a progress bar:",
            "  recompute --from DAY --to DAY   closed local days, both included",
            "  export --data readings|results --from T --to T [--format csv|json]",
            "                                  into DATA/exports",
            "  import --data readings|results --file NAME",
            "                                  a file in DATA/imports",
            "  backup                          into DATA/backups",
            "  restore --backup FOLDER         a folder of DATA/backups: checked, the current",
            "                                  store and its audit archived in DATA/archive;",
            "                                  the terminal restarts to apply it"})
    static final class Start implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(paramLabel = "KIND", description = "recompute, export, import, backup or restore")
        String kind;

        @Option(names = "--from", paramLabel = "DAY|T", description = "recompute: the first day; export: the start")
        String from;

        @Option(names = "--to", paramLabel = "DAY|T", description = "recompute: the last day (included); export: the end (exclusive)")
        String to;

        @Option(names = "--data", description = "readings or results")
        String data;

        @Option(names = "--format", description = "csv or json")
        String format;

        @Option(names = "--file", description = "a file name in DATA/imports")
        String file;

        @Option(names = "--backup", description = "a folder name in DATA/backups (restore)")
        String backup;

        @Option(names = "--no-wait", description = "start it and return")
        boolean noWait;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", kind);
            Map.of("from", from == null ? "" : from, "to", to == null ? "" : to, "data", data == null ? "" : data,
                    "format", format == null ? "" : format, "file", file == null ? "" : file,
                    "backup", backup == null ? "" : backup).forEach((k, v) -> {
                        if (!v.isEmpty()) {
                            body.put(k, v);
                        }
                    });
            ApiClient client;
            try {
                client = terminal.client(ApiCommands.TIMEOUT);
            } catch (LocalTerminal.Unreachable e) {
                System.err.println("jobs start: " + e.getMessage());
                return 1;
            }
            ApiClient.Answer a = client.post("/api/jobs", body);
            if (!a.ok()) {
                System.err.println("jobs start: " + a.problem());
                return a.exit();
            }
            long id = a.json().path("id").asLong();
            if (a.json().path("existing").asBoolean()) {
                System.out.println("the same job runs already: job " + id);
            }
            if (noWait) {
                System.out.println(line(a.json()));
                return 0;
            }
            return follow("jobs start", client, id);
        }
    }

    /** {@code tanhe jobs show ID [--follow]}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One job; --follow until it ends.")
    static final class Show implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(paramLabel = "ID", description = "the job's id (tanhe jobs list)")
        long id;

        @Option(names = "--follow", description = "redraw its progress until it ends")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            if (!follow) {
                return ApiCommands.run("jobs show", terminal, false, c -> c.get("/api/jobs/" + id), j -> System.out.println(line(j)));
            }
            try {
                return follow("jobs show", terminal.client(ApiCommands.TIMEOUT), id);
            } catch (LocalTerminal.Unreachable e) {
                System.err.println("jobs show: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code tanhe jobs cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Ask a job to stop at its next step.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Parameters(paramLabel = "ID", description = "the job's id (tanhe jobs list)")
        long id;

        @Override
        public Integer call() {
            return ApiCommands.run("jobs cancel", terminal, false, c -> c.post("/api/jobs/" + id + "/cancel", Map.of()),
                    j -> System.out.println(line(j)));
        }
    }
}
