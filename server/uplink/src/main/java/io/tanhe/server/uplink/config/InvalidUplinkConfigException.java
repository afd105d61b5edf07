package io.tanhe.server.uplink.config;

import java.util.List;

/** An uplink configuration that breaks its rules: every problem, each under its field path. */
public final class InvalidUplinkConfigException extends IllegalArgumentException {
    private final List<String> problems;

    /**
     * @param origin   where the configuration came from (a file name), for the message
     * @param problems each as {@code field.path: what is wrong}
     */
    public InvalidUplinkConfigException(String origin, List<String> problems) {
        super(origin + ": invalid uplink configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, each as {@code field.path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
