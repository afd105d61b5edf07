package io.tanhe.engine.units;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Levenshtein distance, for did-you-mean suggestions on short names: unit symbols here, field
 * names of factor tables.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The candidate closest to {@code unknown}, compared case-insensitively, at most {@code maxEdits}
     * away and fewer edits than the longer of the two is long (so that {@code x} does not suggest
     * {@code t}); ties go to the fewest case-sensitive edits, then alphabetical order.
     */
    public static Optional<String> closest(String unknown, Collection<String> candidates, int maxEdits) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .map(c -> new Candidate(c, between(lower, c.toLowerCase(Locale.ROOT)), between(unknown, c)))
                .filter(c -> c.caseless() <= maxEdits && c.caseless() < Math.max(unknown.length(), c.name().length()))
                .min(Comparator.comparingInt(Candidate::caseless)
                        .thenComparingInt(Candidate::exact)
                        .thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private record Candidate(String name, int caseless, int exact) {
    }

    /** The number of single-character insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    public static int between(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
