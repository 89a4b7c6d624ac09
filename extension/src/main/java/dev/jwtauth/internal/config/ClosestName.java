package dev.jwtauth.internal.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a misspelt one was probably meant to be: the nearest by edit distance, ignoring case, where
 * swapping two neighbouring letters ({@code Base46}) is one edit. Nothing when even the nearest is too far off, so
 * a name of something else is not taken for a typo.
 */
final class ClosestName {

    private ClosestName() {
    }

    static Optional<String> of(String misspelt, List<String> known) {
        String wrong = misspelt.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = distance(wrong, name.toLowerCase(Locale.ROOT));
            if (distance <= Math.max(1, name.length() / 4) && distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
