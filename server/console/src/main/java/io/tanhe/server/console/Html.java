package io.tanhe.server.console;

import java.util.Locale;

/** Escaping for text and attribute values written into pages: nothing from the store or a user reaches a page unescaped. */
final class Html {
    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute. */
    static String esc(Object text) {
        if (text == null) {
            return "";
        }
        String s = text.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A figure with {@code digits} decimals and thousands separators, or an em dash for none. */
    static String num(Double value, int digits) {
        return value == null || value.isNaN() ? "—" : String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    /** A change in percent with its sign, or an em dash where there is no base. */
    static String change(Double percent) {
        return percent == null ? "—" : String.format(Locale.ROOT, "%+.1f %%", percent);
    }

    /** A share 0–1 as a percentage. */
    static String share(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
