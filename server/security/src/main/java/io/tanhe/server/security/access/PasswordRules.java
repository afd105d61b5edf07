package io.tanhe.server.security.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Password complexity (§7.4.1.2): at least {@value #MIN_LENGTH} characters, three of the four classes
 * (lower case, upper case, digits, other), and not the username (in any case, reversed or not). Also
 * makes one-time passwords that meet these rules.
 */
public final class PasswordRules {
    public static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 128;
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String OTHER = "-_.+=@%";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordRules() {
    }

    /** What is wrong with {@code password} for {@code username}, or empty when it is acceptable. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            return Optional.of("a password needs three of: lower-case letters, upper-case letters, digits, other characters"
                    + " (this one has " + classes + ")");
        }
        String p = password.toLowerCase(Locale.ROOT);
        String u = username.toLowerCase(Locale.ROOT);
        if (p.equals(u) || p.equals(new StringBuilder(u).reverse().toString())) {
            return Optional.of("a password must not be the username");
        }
        return Optional.empty();
    }

    /** A random 16-character password with all four classes, without look-alike characters. */
    public static String oneTime() {
        List<Character> chars = new ArrayList<>();
        String all = LOWER + UPPER + DIGITS + OTHER;
        for (String set : List.of(LOWER, UPPER, DIGITS, OTHER)) {
            chars.add(set.charAt(RANDOM.nextInt(set.length())));
        }
        while (chars.size() < 16) {
            chars.add(all.charAt(RANDOM.nextInt(all.length())));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder out = new StringBuilder();
        chars.forEach(out::append);
        return out.toString();
    }
}
