package io.tanhe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tanhe.engine.provenance.Explanation;
import io.tanhe.engine.provenance.ExplanationText;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tanhe explain FILE --data OBS.csv --node NAME [--key K] --bucket T}: the derivation of one result;
 * {@code tanhe explain --store --node NAME --bucket T}: the same for a figure the running terminal stored, with its revisions.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain how one result came about: its formula with source position,",
                "each operand's value, unit and quality, factor values with source, version",
                "and validity, the observations that fed it, and the methodology id, version",
                "and content hash. What it shows and the JSON schema (tanhe.explanation/1):",
                "docs/provenance.md. With --store: a figure the running terminal stored (its API,",
                "GET /api/explain), replayed from its stored readings, with the figure's revisions."})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "methodology (.tanhe) file (not with --store)")
    Path file;

    @Option(names = "--data", paramLabel = "OBS.csv", description = "observations (as for eval; not with --store)")
    Path data;

    @Option(names = "--store", description = "explain a figure the running terminal stored (its methodology, its readings)")
    boolean store;

    @picocli.CommandLine.Mixin
    LocalTerminal terminal;

    @Option(names = "--factors", paramLabel = "TABLE", description = "a factor table overriding the defaults")
    Path factors;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "the value to explain")
    String node;

    @Option(names = "--key", defaultValue = "", paramLabel = "K", description = "its key, members joined by commas (default: scalar)")
    String key;

    @Option(names = "--bucket", required = true, paramLabel = "T", description = "a time inside the bucket")
    String bucket;

    @Option(names = "--grain", defaultValue = "hour", paramLabel = "G", description = "grain of the bucket (default: ${DEFAULT-VALUE})")
    String grain;

    @Option(names = "--format", defaultValue = "text", paramLabel = "F", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "time zone (default: ${DEFAULT-VALUE})")
    String zone;

    @Override
    public Integer call() throws Exception {
        if (store) {
            return fromStore();
        }
        if (file == null || data == null) {
            System.err.println("explain: give FILE and --data OBS.csv, or --store for a figure the running terminal stored");
            return 2;
        }
        ZoneId z = ZoneId.of(zone);
        Grain g = Grain.fromLabel(grain);
        OfflineRun run = OfflineRun.start(file, data, factors, z, g, System.err);
        if (run == null) {
            return 1;
        }
        if (run.evaluator.graph().node(node).isEmpty()) {
            System.err.println("explain: no node `" + node + "` in " + file);
            return 2;
        }
        TimeBucket b = TimeBucket.of(g, TimeArgument.parse(bucket, z), z);
        Optional<Explanation> e = run.evaluator.explain(node, key, b, run.compilation.loaded().sources(), run.methodology());
        if (e.isEmpty()) {
            System.err.println("explain: no value of " + node + (key.isEmpty() ? "" : "[" + key + "]") + " in the "
                    + g.label() + " bucket at " + b.start().atZone(z).toOffsetDateTime()
                    + " (keys: " + run.evaluator.keys(node) + "; buckets with data: " + run.evaluator.buckets(g).size() + ")");
            return 1;
        }
        if (format.equalsIgnoreCase("json")) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e.get()));
        } else {
            System.out.print(ExplanationText.render(e.get()));
        }
        return 0;
    }

    /** The figure from the running terminal's API: its text (or JSON), then its revisions. */
    private Integer fromStore() {
        if (file != null || data != null) {
            System.err.println("explain: --store explains what the terminal stored, with its own methodology and readings;"
                    + " leave out FILE and --data");
            return 2;
        }
        String query = "/api/explain?node=" + ApiCommands.enc(node) + "&grain=" + ApiCommands.enc(grain) + "&bucket="
                + ApiCommands.enc(bucket) + (key.isEmpty() ? "" : "&key=" + ApiCommands.enc(key));
        return ApiCommands.run("explain", terminal, format.equalsIgnoreCase("json"), c -> c.get(query), e -> {
            if (e.path("text").isNull()) {
                System.out.println("no value of " + node + (key.isEmpty() ? "" : "[" + key + "]") + " could be rebuilt for the "
                        + grain + " bucket at " + e.path("start").asText() + " from the stored readings");
            } else {
                System.out.print(e.path("text").asText());
            }
            System.out.println("stored revisions (oldest first)" + (e.path("matchesStored").asBoolean() ? ""
                    : " — the replay above differs from the current stored value"));
            for (com.fasterxml.jackson.databind.JsonNode r : e.path("revisions")) {
                System.out.println("  r" + r.path("revision").asInt() + "  " + r.path("value").asDouble() + " " + r.path("unit").asText()
                        + "  " + r.path("quality").asText() + "  " + r.path("methodology").asText() + "  revised "
                        + r.path("revisedAt").asText() + "  " + r.path("reason").asText());
            }
        });
    }
}
