package io.tanhe.drivers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;

/**
 * How a timestamp found in a payload is read. Configured as {@code iso}, {@code epoch-s},
 * {@code epoch-ms}, or a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd HH:mm:ss};
 * times without an offset are taken in the configured zone (the site's local time).
 */
public sealed interface TimestampFormat {

    /**
     * Reads the node as an instant.
     *
     * @throws IllegalArgumentException with a message that quotes the offending text
     */
    Instant parse(JsonNode node);

    /** Reads a text as an instant, as {@link #parse(JsonNode)} reads a text node. */
    default Instant parse(String text) {
        return parse(TextNode.valueOf(text));
    }

    /**
     * ISO-8601: an instant ({@code 2024-03-01T08:00:00Z}), an offset date-time, or a local date-time in
     * the zone. A space instead of the {@code T} is accepted, as many devices write it so.
     */
    record Iso(ZoneId zone) implements TimestampFormat {
        public Iso {
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant parse(JsonNode node) {
            String text = textOf(node);
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso,
                        java.time.OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof LocalDateTime local ? local.atZone(zone).toInstant()
                        : Instant.from(parsed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time");
            }
        }
    }

    /** Seconds since 1970-01-01T00:00:00Z, integer or decimal. */
    record EpochSeconds() implements TimestampFormat {
        @Override
        public Instant parse(JsonNode node) {
            BigDecimal seconds = numberOf(node, "epoch seconds");
            BigDecimal nanos = seconds.subtract(new BigDecimal(seconds.toBigInteger())).movePointRight(9);
            return Instant.ofEpochSecond(seconds.longValue(), nanos.longValue());
        }
    }

    /** Milliseconds since 1970-01-01T00:00:00Z. */
    record EpochMillis() implements TimestampFormat {
        @Override
        public Instant parse(JsonNode node) {
            return Instant.ofEpochMilli(numberOf(node, "epoch milliseconds").longValue());
        }
    }

    /** A {@link DateTimeFormatter} pattern; without an offset in the pattern the zone applies. */
    record Pattern(String pattern, ZoneId zone) implements TimestampFormat {
        public Pattern {
            Objects.requireNonNull(zone, "zone");
            DateTimeFormatter.ofPattern(pattern);
        }

        @Override
        public Instant parse(JsonNode node) {
            String text = textOf(node);
            try {
                return DateTimeFormatter.ofPattern(pattern).withZone(zone).parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' does not match the pattern '" + pattern + "'");
            }
        }
    }

    /**
     * The format named in configuration.
     *
     * @throws IllegalArgumentException if the name is neither a known format nor a valid pattern
     */
    static TimestampFormat named(String name, ZoneId zone) {
        return switch (name) {
            case "iso" -> new Iso(zone);
            case "epoch-s" -> new EpochSeconds();
            case "epoch-ms" -> new EpochMillis();
            default -> new Pattern(name, zone);
        };
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(node + " is not a text timestamp");
        }
        return node.asText();
    }

    private static BigDecimal numberOf(JsonNode node, String what) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + node.asText() + "' is not " + what);
            }
        }
        throw new IllegalArgumentException(node + " is not " + what);
    }
}
