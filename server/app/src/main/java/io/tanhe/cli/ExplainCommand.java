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

/** {@code tanhe explain FILE --data OBS.csv --node NAME [--key K] --bucket T}: the derivation of one result. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain how one result came about: its formula with source position,",
                "each operand's value, unit and quality, factor values with source, version",
                "and validity, the observations that fed it, and the methodology id, version",
                "and content hash. What it shows and the JSON schema (tanhe.explanation/1):",
                "docs/provenance.md."})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "methodology (.tanhe) file")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "OBS.csv", description = "observations (as for eval)")
    Path data;

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
}
