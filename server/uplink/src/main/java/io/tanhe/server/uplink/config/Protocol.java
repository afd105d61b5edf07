package io.tanhe.server.uplink.config;

import java.util.Optional;

/** How the terminal talks to a data centre. */
public enum Protocol {
    /** HJ 212-2017 packets over a TCP connection the terminal opens (section 7.2.4, recommended). */
    HJ212_TCP("hj212-tcp"),
    /** JSON batches POSTed over HTTPS (section 7.2.3 (6)). */
    HTTPS("https");

    private final String text;

    Protocol(String text) {
        this.text = text;
    }

    /** The name used in configuration files. */
    public String text() {
        return text;
    }

    /** The protocol named {@code text} in a configuration file. */
    public static Optional<Protocol> of(String text) {
        for (Protocol p : values()) {
            if (p.text.equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
