package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheLexer;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/** Token types in plain words, for "expected …" hints. */
final class TokenNames {
    private static final int MAX_LISTED = 10;

    private TokenNames() {
    }

    static String describe(int type) {
        Vocabulary v = TanheLexer.VOCABULARY;
        switch (type) {
            case TanheLexer.IDENT: return "a name";
            case TanheLexer.NUMBER: return "a number";
            case TanheLexer.STRING: return "a string in double quotes";
            case TanheLexer.DATE: return "a date (YYYY-MM-DD)";
            case TanheLexer.DOTTED_VERSION: return "a version such as 1.2.3";
            case org.antlr.v4.runtime.Token.EOF: return "the end of the file";
            default:
                String literal = v.getLiteralName(type);
                return literal != null ? "`" + literal.substring(1, literal.length() - 1) + "`" : v.getDisplayName(type);
        }
    }

    /** "a name, `=` or `[`" — the expected tokens, the most useful first, capped. */
    static String describe(IntervalSet expected) {
        List<String> words = new ArrayList<>();
        for (int type : expected.toList()) {
            String word = describe(type);
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        words.sort((a, b) -> Boolean.compare(a.startsWith("`"), b.startsWith("`")));
        if (words.size() > MAX_LISTED) {
            int more = words.size() - MAX_LISTED;
            words = new ArrayList<>(words.subList(0, MAX_LISTED));
            words.add(more + " more");
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
