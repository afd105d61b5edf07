package io.tanhe.server.report.document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How report numbers are shown: rounded half-up to their digits, thousands grouped. */
public final class Numbers {
    private Numbers() {
    }

    /** The text of a number cell, e.g. {@code 12,345.679} or {@code 25.0%}. */
    public static String text(Block.Number n) {
        if (Double.isNaN(n.value()) || Double.isInfinite(n.value())) {
            return "—";
        }
        double v = n.percent() ? n.value() * 100 : n.value();
        BigDecimal rounded = BigDecimal.valueOf(v).setScale(n.digits(), RoundingMode.HALF_UP);
        DecimalFormat format = new DecimalFormat(n.digits() == 0 ? "#,##0" : "#,##0." + "0".repeat(n.digits()),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(rounded) + (n.percent() ? "%" : "");
    }

    /** The Excel number format of a number cell. */
    static String excelFormat(Block.Number n) {
        String decimals = n.digits() == 0 ? "" : "." + "0".repeat(n.digits());
        return n.percent() ? "0" + decimals + "%" : "#,##0" + decimals;
    }
}
