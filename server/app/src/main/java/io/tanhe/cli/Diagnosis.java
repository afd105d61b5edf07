package io.tanhe.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The findings of {@code tanhe doctor}, in the order they were checked, and how they are printed. */
final class Diagnosis {

    /** How a check came out. FAIL makes the terminal unhealthy; WARN is worth a look; SKIPPED says why not checked. */
    enum Verdict { OK, WARN, FAIL, SKIPPED }

    /** One finding: the check, its verdict, what was found and, when not OK, what to do. */
    record Finding(String check, Verdict verdict, String detail) {
    }

    private final List<Finding> findings = new ArrayList<>();

    void ok(String check, String detail) {
        findings.add(new Finding(check, Verdict.OK, detail));
    }

    void warn(String check, String detail) {
        findings.add(new Finding(check, Verdict.WARN, detail));
    }

    void fail(String check, String detail) {
        findings.add(new Finding(check, Verdict.FAIL, detail));
    }

    void skipped(String check, String detail) {
        findings.add(new Finding(check, Verdict.SKIPPED, detail));
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    boolean healthy() {
        return findings.stream().noneMatch(f -> f.verdict() == Verdict.FAIL);
    }

    /** One line per finding, then the verdict. */
    void print(PrintStream out) {
        int width = findings.stream().mapToInt(f -> f.check().length()).max().orElse(10);
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "%-7s %-" + width + "s  %s%n", f.verdict().name().toLowerCase(Locale.ROOT), f.check(), f.detail());
        }
        long fails = findings.stream().filter(f -> f.verdict() == Verdict.FAIL).count();
        long warns = findings.stream().filter(f -> f.verdict() == Verdict.WARN).count();
        out.println(healthy() ? "healthy" + (warns > 0 ? " (" + warns + " warning(s))" : "")
                : "NOT healthy: " + fails + " check(s) failed" + (warns > 0 ? ", " + warns + " warning(s)" : ""));
    }
}
