package io.tanhe.drivers.serial;

import io.tanhe.grammar.config.ConfigNode;

/**
 * A meter address or data identifier in a points file. These are digit strings, not numbers: YAML
 * reads unquoted {@code 000072007201} as a number (leading zeros lost; YAML 1.1 even reads
 * {@code 00010000} as octal 4096), so the value must be quoted and a number is refused.
 */
public final class DigitsField {
    private DigitsField() {
    }

    /**
     * The required text of {@code field}; records a problem and returns {@code ""} when it is
     * missing or written as a number.
     *
     * @param example a correctly quoted value for the message, e.g. {@code "00010000"}
     */
    public static String read(ConfigNode node, String field, String example) {
        if (node.raw(field).map(j -> j.isNumber()).orElse(false)) {
            node.problem(field, "write it in quotes, e.g. " + field + ": " + example
                    + "; unquoted, YAML reads it as a number and drops leading zeros");
            return "";
        }
        return node.text(field);
    }
}
