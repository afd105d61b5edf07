package io.tanhe.grammar.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" suggestions: the closest known name by edit distance. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate closest to {@code wrong}, if it is close enough to be a plausible typo: at most
     * one edit for short names, a third of the length for longer ones.
     */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        return closest(wrong, candidates, Math.max(1, wrong.length() / 3));
    }

    /**
     * The candidate closest to {@code unknown}, compared case-insensitively, at most {@code maxEdits}
     * away and fewer edits than the longer of the two is long (so that {@code x} does not suggest
     * {@code t}); ties go to the fewest case-sensitive edits, then alphabetical order.
     */
    public static Optional<String> closest(String unknown, Collection<String> candidates, int maxEdits) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> !c.equals(unknown))
                .map(c -> new Candidate(c, distance(lower, c.toLowerCase(Locale.ROOT)), distance(unknown, c)))
                .filter(c -> c.caseless() <= maxEdits && c.caseless() < Math.max(unknown.length(), c.name().length()))
                .min(Comparator.comparingInt(Candidate::caseless)
                        .thenComparingInt(Candidate::exact)
                        .thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private record Candidate(String name, int caseless, int exact) {
    }

    /**
     * A hint sentence, or empty when nothing is close. When the two names differ in a letter of
     * another script that looks alike (a Cyrillic {@code р} for a Latin {@code p}), the hint names
     * both code points, since the names print the same.
     */
    public static String hint(String wrong, Collection<String> candidates) {
        return closest(wrong, candidates).map(c -> "did you mean `" + c + "`?" + lookAlikes(wrong, c)).orElse("");
    }

    /**
     * Empty unless {@code written} and {@code meant} differ in letters of different scripts at the
     * same place; then a sentence naming them, e.g. {@code " `рower` has U+0440 CYRILLIC SMALL
     * LETTER ER where `power` has U+0070 LATIN SMALL LETTER P (a look-alike of another script)"}.
     */
    public static String lookAlikes(String written, String meant) {
        int[] a = written.codePoints().toArray();
        int[] b = meant.codePoints().toArray();
        if (a.length != b.length) {
            return "";
        }
        java.util.List<String> written1 = new java.util.ArrayList<>();
        java.util.List<String> meant1 = new java.util.ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && Character.isLetter(a[i]) && Character.isLetter(b[i])
                    && Character.UnicodeScript.of(a[i]) != Character.UnicodeScript.of(b[i])) {
                written1.add(describe(a[i]));
                meant1.add(describe(b[i]));
            }
        }
        if (written1.isEmpty()) {
            return "";
        }
        return " `" + written + "` has " + String.join(", ", written1) + " where `" + meant + "` has "
                + String.join(", ", meant1) + " (a look-alike letter of another script)";
    }

    private static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format("U+%04X %s", codePoint, name == null ? "" : name).strip();
    }

    /** Damerau-Levenshtein distance (with adjacent transpositions), the usual measure of a typo. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
