package io.tanhe.engine.provenance;

import java.util.List;
import java.util.Locale;

/** Renders an {@link Explanation} as an indented tree for a terminal. */
public final class ExplanationText {
    private final StringBuilder out = new StringBuilder();

    private ExplanationText() {
    }

    public static String render(Explanation e) {
        ExplanationText t = new ExplanationText();
        Explanation.Methodology m = e.methodology();
        t.out.append(m.id()).append(' ').append(m.version()).append("  sha256:").append(m.contentHash())
                .append("\n").append(m.title()).append("\n");
        Explanation.Bucket b = e.result().bucket();
        t.out.append(b.grain()).append(" bucket ").append(b.start()).append(" .. ").append(b.end()).append("\n\n");
        t.step(e.result(), "", "");
        return t.out.toString();
    }

    private void step(Explanation.Step s, String first, String rest) {
        out.append(first).append(headline(s)).append('\n');
        String detail = rest + (s.operands() == null || s.operands().isEmpty() ? "   " : "│  ");
        if (s.formula() != null) {
            for (String line : s.formula().text().split("\n")) {
                out.append(detail).append(line).append('\n');
            }
            out.append(detail).append("(").append(s.formula().file()).append(':').append(s.formula().line()).append(':')
                    .append(s.formula().column()).append(")").append('\n');
        }
        if (s.rolledUp() != null) {
            out.append(detail).append("sum of ").append(s.rolledUp()).append(" base buckets").append('\n');
        }
        if (s.problem() != null) {
            out.append(detail).append("problem: ").append(s.problem()).append('\n');
        }
        if (s.factor() != null) {
            Explanation.Factor f = s.factor();
            out.append(detail).append("value ").append(f.value()).append(' ').append(f.unit()).append(", confidence ")
                    .append(f.confidence()).append(f.unverified() ? " (UNVERIFIED)" : "").append(", valid ")
                    .append(f.validFrom() == null ? "…" : f.validFrom()).append(" .. ").append(f.validUntil() == null ? "…" : f.validUntil())
                    .append(", table version ").append(f.version()).append('\n');
            out.append(detail).append("source: ").append(f.source()).append(f.clause() == null ? "" : ", " + f.clause()).append('\n');
        }
        if (s.input() != null) {
            Explanation.Input in = s.input();
            out.append(detail).append(in.inputKind()).append(in.flags().isEmpty() ? "" : ", flags " + in.flags()).append('\n');
            for (Explanation.Observation o : in.observations()) {
                out.append(detail).append("  ").append(o.timestamp()).append("  ").append(number(o.value())).append(' ')
                        .append(o.unit()).append("  ").append(o.quality()).append('\n');
            }
            if (in.moreObservations() != null) {
                out.append(detail).append("  … ").append(in.moreObservations()).append(" more observations").append('\n');
            }
            if (in.anomalies() != null) {
                in.anomalies().forEach(a -> out.append(detail).append("  ! ").append(a).append('\n'));
            }
        }
        List<Explanation.Step> ops = s.operands() == null ? List.of() : s.operands();
        for (int i = 0; i < ops.size(); i++) {
            boolean last = i == ops.size() - 1 && s.moreOperands() == null;
            step(ops.get(i), rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "));
        }
        if (s.moreOperands() != null) {
            out.append(rest).append("└─ … ").append(s.moreOperands()).append(" more").append('\n');
        }
    }

    private static String headline(Explanation.Step s) {
        String name = s.key() == null || s.key().isEmpty() ? s.name() : s.name() + "[" + s.key() + "]";
        StringBuilder h = new StringBuilder(name).append(" (").append(s.kind()).append(")");
        if (s.value() != null) {
            h.append(" = ").append(number(s.value())).append(s.unit() == null ? "" : " " + s.unit());
        } else {
            h.append(": ").append(s.status());
        }
        if (s.quality() != null) {
            h.append("  [").append(s.quality()).append(", ").append(String.format(Locale.ROOT, "%.0f%%", s.completeness() * 100)).append("]");
        }
        return h.toString();
    }

    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
