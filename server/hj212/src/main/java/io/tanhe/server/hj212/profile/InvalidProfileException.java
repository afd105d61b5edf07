package io.tanhe.server.hj212.profile;

import java.util.List;

/** A platform profile that breaks its rules: every problem, each under its field path. */
public final class InvalidProfileException extends IllegalArgumentException {
    private final String origin;
    private final List<String> problems;

    /**
     * @param origin   where the profile came from (a file name), for the message
     * @param problems each as {@code field.path: what is wrong}
     */
    public InvalidProfileException(String origin, List<String> problems) {
        super(origin + ": invalid platform profile:\n  " + String.join("\n  ", problems));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    /** Where the profile came from. */
    public String origin() {
        return origin;
    }

    /** The problems, each as {@code field.path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
