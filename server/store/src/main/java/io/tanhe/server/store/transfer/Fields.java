package io.tanhe.server.store.transfer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Parses the text fields of an import file, with errors that name the field and show the expected form. */
final class Fields {
    private Fields() {
    }

    static String present(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return text;
    }

    static Instant instant(String field, String text) {
        try {
            return Instant.parse(present(field, text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " `" + text + "` is not an ISO-8601 UTC instant such as 2024-03-01T08:00:00Z");
        }
    }

    static BigDecimal decimal(String field, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " `" + text + "` is not a decimal number such as 12.30");
        }
    }

    static double number(String field, String text) {
        try {
            return Double.parseDouble(present(field, text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " `" + text + "` is not a number such as 0.125");
        }
    }

    static <E extends Enum<E>> E constant(String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, present(field, text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " `" + text + "` is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
