package io.tanhe.drivers.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the nearest known name for a misspelt one (edit distance), for error messages. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate within a few edits, if any is close enough to be a likely typo. */
    static Optional<String> nearest(String wrong, Collection<String> candidates) {
        int limit = Math.max(2, wrong.length() / 3);
        return candidates.stream()
                .filter(c -> distance(wrong.toLowerCase(), c.toLowerCase()) <= limit)
                .min(Comparator.comparingInt(c -> distance(wrong.toLowerCase(), c.toLowerCase())));
    }

    /** A " (did you mean x?)" suffix or the empty string. */
    static String hint(String wrong, Collection<String> candidates) {
        return nearest(wrong, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
