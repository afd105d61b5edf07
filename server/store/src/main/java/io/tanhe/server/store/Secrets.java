package io.tanhe.server.store;

import io.tanhe.grammar.config.ConfigNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of configuration text before it is stored or shown: the value of every key whose
 * name contains {@code password}, {@code passwd} or {@code secret} (TLS key and trust store passwords
 * in an {@code uplink:} block, an HJ 212 profile's PW, a driver's password) becomes
 * {@value #REDACTED}, in YAML block and flow style and in JSON, keeping the text parseable. A stored
 * configuration version is evidence of what ran; the secrets themselves are kept apart, encrypted
 * (the security module's sealed configurations put them back in the same order, through {@link #replace}).
 * A value on the lines after its key (a YAML block scalar) is not recognised.
 */
public final class Secrets {
    /** What a secret's value becomes. */
    public static final String REDACTED = "(redacted)";
    /** A key and its colon; whether the key names a secret is {@link ConfigNode#isSecret}'s one rule. */
    private static final Pattern KEY = Pattern.compile("([\"']?)([A-Za-z0-9_.-]+)\\1(\\s*:[ \\t]*)");

    private Secrets() {
    }

    /** {@code text} with the value of every secret key replaced by {@value #REDACTED}. */
    public static String redact(String text) {
        return replace(text, raw -> {
            char q = raw.charAt(0);
            return q == '"' ? "\"" + REDACTED + "\"" : q == '\'' ? "'" + REDACTED + "'" : REDACTED;
        });
    }

    /** The non-empty values of the secret keys in {@code text}, in order, as written (quotes included). */
    public static List<String> values(String text) {
        List<String> values = new ArrayList<>();
        replace(text, raw -> {
            values.add(raw);
            return raw;
        });
        return List.copyOf(values);
    }

    /**
     * {@code text} with the value of every secret key replaced, in order, by what {@code replacement} makes of
     * the value as written (quotes included; empty values are left alone).
     */
    public static String replace(String text, UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int end = text.indexOf('\n', lineStart);
            String line = end < 0 ? text.substring(lineStart) : text.substring(lineStart, end);
            out.append(replaceLine(line, replacement));
            if (end < 0) {
                break;
            }
            out.append('\n');
            lineStart = end + 1;
        }
        return out.toString();
    }

    private static String replaceLine(String line, UnaryOperator<String> replacement) {
        Matcher m = KEY.matcher(line);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int search = 0;
        while (search < line.length() && m.find(search)) {
            search = m.end();
            boolean insideWord = m.start() > 0 && Character.isLetterOrDigit(line.charAt(m.start() - 1));
            if (insideWord || !ConfigNode.isSecret(m.group(2))) {
                continue;
            }
            int valueStart = m.end();
            boolean flow = line.substring(0, m.start()).chars().anyMatch(c -> c == '{' || c == '[')
                    || m.group(1).equals("\"");
            int valueEnd = valueEnd(line, valueStart, flow);
            out.append(line, copied, valueStart);
            if (valueEnd > valueStart) {
                out.append(replacement.apply(line.substring(valueStart, valueEnd)));
            }
            copied = valueEnd;
            search = Math.max(search, valueEnd);
        }
        out.append(line, Math.min(copied, line.length()), line.length());
        return out.toString();
    }

    /** Where the value that starts at {@code i} ends: after its closing quote, else at a comment, or (flow) at , } ]. */
    private static int valueEnd(String line, int i, boolean flow) {
        if (i >= line.length()) {
            return i;
        }
        char q = line.charAt(i);
        if (q == '"' || q == '\'') {
            for (int j = i + 1; j < line.length(); j++) {
                char c = line.charAt(j);
                if (q == '"' && c == '\\') {
                    j++;
                } else if (c == q) {
                    if (q == '\'' && j + 1 < line.length() && line.charAt(j + 1) == '\'') {
                        j++;
                    } else {
                        return j + 1;
                    }
                }
            }
            return line.length();
        }
        int j = i;
        while (j < line.length()) {
            char c = line.charAt(j);
            if (c == '#' && j > i && Character.isWhitespace(line.charAt(j - 1))) {
                break;
            }
            if (flow && (c == ',' || c == '}' || c == ']')) {
                break;
            }
            j++;
        }
        while (j > i && Character.isWhitespace(line.charAt(j - 1))) {
            j--;
        }
        return j;
    }
}
