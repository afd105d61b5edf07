package io.tanhe.server.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link BundleVerifier} found: who signed the manifest and whether the trust store holds the key, the entries
 * that differ from the manifest, the packages' signatures, and figure by figure whether the recompute gives the
 * stored value. {@link #ok()} only when everything matches.
 *
 * @param figureProblems the first {@link BundleVerifier#LISTED} figures that are not equal (all are counted)
 */
public record VerifyReport(Signer signer, List<String> entryProblems, List<String> packages, List<String> packageProblems,
                           long equal, long differs, long notRecomputed, long notStored, List<Figure> figureProblems) {

    public VerifyReport {
        entryProblems = List.copyOf(entryProblems);
        packages = List.copyOf(packages);
        packageProblems = List.copyOf(packageProblems);
        figureProblems = List.copyOf(figureProblems);
    }

    /**
     * The manifest's signer.
     *
     * @param trustedAs the trust store's name for the key; empty when it does not hold it
     * @param trustGiven whether a trust store was given at all
     */
    public record Signer(String name, String fingerprint, boolean valid, boolean trustGiven, Optional<String> trustedAs) {
        boolean acceptable() {
            return valid && (!trustGiven || trustedAs.isPresent());
        }
    }

    /** One figure's outcome. */
    public sealed interface Figure {
        String node();

        String key();

        String grain();

        Instant start();
    }

    /** The recompute gives another value: by how much, and the first operand that differs. */
    public record Differs(String node, String key, String grain, Instant start, double stored, double recomputed, String unit,
                          String firstOperand) implements Figure {
    }

    /** A stored figure the readings do not give again, and why. */
    public record NotRecomputed(String node, String key, String grain, Instant start, double stored, String why) implements Figure {
    }

    /** A figure the readings give that the bundle's results do not hold (a removed row). */
    public record NotStored(String node, String key, String grain, Instant start, double recomputed) implements Figure {
    }

    public boolean ok() {
        return signer.acceptable() && entryProblems.isEmpty() && packageProblems.isEmpty() && differs == 0 && notRecomputed == 0
                && notStored == 0;
    }

    /** The report as text, one finding a line, the verdict last. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("signature: ").append(signer.valid ? "valid" : "INVALID").append(", signed by ").append(signer.name).append(" [")
                .append(signer.fingerprint, 0, Math.min(16, signer.fingerprint.length())).append("…]");
        if (!signer.trustGiven) {
            b.append("; no trust store given (--trust): who signed is not checked");
        } else {
            b.append(signer.trustedAs.map(n -> "; trusted as " + n).orElse("; NOT in the trust store"));
        }
        b.append('\n');
        if (entryProblems.isEmpty()) {
            b.append("entries: every entry matches the manifest\n");
        }
        entryProblems.forEach(p -> b.append("entry: ").append(p).append('\n'));
        packages.forEach(p -> b.append("package: ").append(p).append('\n'));
        packageProblems.forEach(p -> b.append("package problem: ").append(p).append('\n'));
        for (Figure f : figureProblems) {
            String id = f.node() + (f.key().isEmpty() ? "" : "[" + f.key() + "]") + " " + f.grain() + " " + f.start();
            switch (f) {
                case Differs d -> b.append("differs: ").append(id).append(String.format(Locale.ROOT, ": stored %s, recomputed %s %s (by %+.6g)",
                        num(d.stored()), num(d.recomputed()), d.unit(), d.recomputed() - d.stored())).append("; ").append(d.firstOperand()).append('\n');
                case NotRecomputed n -> b.append("cannot be recomputed: ").append(id).append(" (stored ").append(num(n.stored()))
                        .append("): ").append(n.why()).append('\n');
                case NotStored n -> b.append("not stored: ").append(id).append(": the readings give ").append(num(n.recomputed()))
                        .append(" but the bundle's results hold no such figure (a row was removed)\n");
            }
        }
        long listed = figureProblems.size();
        long all = differs + notRecomputed + notStored;
        if (all > listed) {
            b.append("… and ").append(all - listed).append(" more figures that do not match\n");
        }
        b.append(String.format(Locale.ROOT, "figures: %d equal, %d differ, %d cannot be recomputed, %d recomputed but not stored%n",
                equal, differs, notRecomputed, notStored));
        b.append(ok() ? "verified: the bundle is complete, unaltered and every figure recomputes\n" : "NOT VERIFIED\n");
        return b.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
