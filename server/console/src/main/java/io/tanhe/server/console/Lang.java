package io.tanhe.server.console;

import io.javalin.http.Context;

import java.util.Locale;

/** The console's languages: Chinese by default, English on request (a cookie the language switch sets). */
public enum Lang {
    ZH("zh-CN"), EN("en");

    /** The cookie that keeps the choice. */
    static final String COOKIE = "tanhe_lang";

    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The HTML {@code lang} attribute. */
    public String tag() {
        return tag;
    }

    /** The language a request asks for: {@code ?lang=} first, then the cookie, else Chinese. */
    static Lang of(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked == null) {
            asked = ctx.cookie(COOKIE);
        }
        return "en".equals(asked == null ? null : asked.toLowerCase(Locale.ROOT)) ? EN : ZH;
    }

    /** The code kept in the cookie and the switch's link. */
    String code() {
        return this == EN ? "en" : "zh";
    }
}
