package io.tanhe.engine.incremental;

import io.tanhe.engine.factors.FactorValue;
import io.tanhe.engine.graph.Node;
import io.tanhe.engine.provenance.Explanation;
import io.tanhe.engine.time.Anomaly;
import io.tanhe.engine.time.BucketAmount;
import io.tanhe.engine.time.Flag;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Series;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.grammar.ast.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the provenance tree of one result from the state of its bucket. */
final class ExplanationBuilder {
    static final int MAX_OPERANDS = 20;
    static final int MAX_OBSERVATIONS = 12;
    static final int MAX_DEPTH = 10;

    private final IncrementalEvaluator evaluator;
    private final BucketState state;
    private final ResultReader reader;
    private final Map<String, List<String>> sourceLines;

    ExplanationBuilder(IncrementalEvaluator evaluator, BucketState state, Map<String, List<String>> sourceLines) {
        this.evaluator = evaluator;
        this.state = state;
        this.reader = new ResultReader(evaluator, state);
        this.sourceLines = sourceLines;
    }

    Explanation.Step step(int id, int depth) {
        Instance in = evaluator.instances().instance(id);
        boolean present = state.status[id] == Status.PRESENT;
        String status = present ? "present" : state.status[id] == Status.FAILED ? "failed" : "absent";
        Explanation.Bucket bucket = bucket(state.bucket);
        if (in.synthetic()) {
            String kind = in.kind().name().toLowerCase(Locale.ROOT);
            return new Explanation.Step(kind.equals("formula") ? "(term)" : kind, null, kind.equals("formula") ? "term" : kind,
                    bucket, present ? state.values[id] : null, null, null, null, status, null, null, null, null, null,
                    operands(in, depth), more(in));
        }
        ResultValue r = reader.read(id);
        Node n = in.node();
        String problem = r.failed() ? (r.problem() == null ? "" : r.problem() + " ") + r.problemText() : null;
        Explanation.Formula formula = null;
        Integer rolledUp = null;
        Explanation.Factor factor = null;
        Explanation.Input input = null;
        List<Explanation.Step> operands = null;
        Integer more = null;
        switch (in.kind()) {
            case FACTOR -> factor = evaluator.factorValue(id, state.bucket).map(ExplanationBuilder::factor).orElse(null);
            case INPUT -> input = input(in);
            default -> {
                formula = formula(n);
                if (state.bucket.grain() != evaluator.baseGrain() && evaluator.extensive(id)) {
                    rolledUp = (int) evaluator.baseStatesIn(state.bucket).stream().filter(b -> b.status[id] != Status.ABSENT).count();
                }
                operands = operands(in, depth);
                more = more(in);
            }
        }
        boolean isFactor = in.kind() == Instance.Kind.FACTOR; // data quality belongs to data, not to parameters
        return new Explanation.Step(n.name(), in.key(), n.kind().name().toLowerCase(Locale.ROOT), bucket,
                present ? r.value() : null, n.unit().text(), isFactor ? null : r.quality().name(),
                isFactor ? null : r.completeness(), status, problem, formula,
                rolledUp, factor, input, operands, more);
    }

    private List<Explanation.Step> operands(Instance in, int depth) {
        if (depth >= MAX_DEPTH) {
            return List.of();
        }
        List<Explanation.Step> out = new ArrayList<>();
        int[] ops = in.operands();
        for (int i = 0; i < ops.length && i < MAX_OPERANDS; i++) {
            out.add(step(ops[i], depth + 1));
        }
        return out;
    }

    private static Integer more(Instance in) {
        return in.operands().length > MAX_OPERANDS ? in.operands().length - MAX_OPERANDS : null;
    }

    private Explanation.Formula formula(Node n) {
        SourceSpan s = n.span();
        List<String> lines = sourceLines.getOrDefault(s.file(), List.of());
        StringBuilder text = new StringBuilder();
        for (int line = s.line(); line >= 1 && line <= s.endLine() && line <= lines.size(); line++) {
            text.append(text.length() == 0 ? "" : "\n").append(lines.get(line - 1).strip());
        }
        return new Explanation.Formula(text.toString(), s.file(), s.line(), s.column(),
                n.emissionClass() == null ? null : n.emissionClass().keyword(),
                n.scope() == null ? null : n.scope().name().toLowerCase(Locale.ROOT));
    }

    private static Explanation.Factor factor(FactorValue v) {
        return new Explanation.Factor(v.value().toPlainString(), v.unit(), v.source(), v.clause(), v.confidence().name(),
                v.confidence().isUnverified(), v.version(), v.validFrom() == null ? null : v.validFrom().toString(),
                v.validUntil() == null ? null : v.validUntil().toString(), v.note());
    }

    private Explanation.Input input(Instance in) {
        String name = in.node().name();
        BucketAmount amount = evaluator.model().amount(name, in.key(), state.bucket);
        Series series = evaluator.model().series(name, in.key()).orElse(null);
        List<Explanation.Observation> observations = new ArrayList<>();
        Integer more = null;
        List<String> anomalies = new ArrayList<>();
        if (series != null) {
            List<Observation> feeding = series.feeding(state.bucket);
            for (int i = 0; i < feeding.size() && i < MAX_OBSERVATIONS; i++) {
                Observation o = feeding.get(i);
                observations.add(new Explanation.Observation(o.timestamp().atZone(evaluator.zone()).toOffsetDateTime().toString(), o.value(), o.unit().text(), o.quality().name()));
            }
            more = feeding.size() > MAX_OBSERVATIONS ? feeding.size() - MAX_OBSERVATIONS : null;
            for (Anomaly a : series.anomalies(state.bucket)) {
                anomalies.add(a.flag() + " " + a.from() + " .. " + a.to() + ": " + a.detail());
            }
        }
        List<String> flags = amount.flags().stream().map(Flag::name).toList();
        return new Explanation.Input(in.node().inputKind().name().toLowerCase(Locale.ROOT), flags, observations, more,
                anomalies.isEmpty() ? null : anomalies);
    }

    private Explanation.Bucket bucket(TimeBucket b) {
        return new Explanation.Bucket(b.grain().label(), b.start().atZone(evaluator.zone()).toOffsetDateTime().toString(),
                b.end().atZone(evaluator.zone()).toOffsetDateTime().toString());
    }
}
