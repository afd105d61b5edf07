package io.tanhe.engine.compile;

import io.tanhe.grammar.TanheLexer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Random damage to methodology source, the way people and broken tools damage it: tokens deleted,
 * duplicated, swapped or replaced, stray characters (CJK, full-width punctuation, control
 * characters, surrogate pairs), truncation, other numbers, units and names, lines moved. Works on
 * code points, as the lexer does, so positions stay right with characters outside the BMP.
 */
final class SourceMutator {
    private static final String[] CHARACTERS = {";", "\uFF0C", "\uFF08", "\u00D7", "'", "$", "#", "@", "\u0000", "\u0007",
            "\t", "\r", "\n", "\u001B", "\u00A0", "\u3000", "\uFEFF", "碳", "燃", "\uD83D\uDE00", "\"", "\\", "{", "}", "[",
            "]", "(", ")", "=", "\u00B1", "%", "/", "*", "^", "-", ",", ":", ".", "0", "9", "e", "_", "\u00B7", "//", "/*"};
    private static final String[] NUMBERS = {"0", "-1", "0.0", "1e999", "1e-400", "99999999999999999999999", "2.675", "007",
            "1e308", "4.9e-324", "1e99999999999", "12345678901234567890.123456789", "0.000", "1E+3", "2024-02-30", "1.2.3"};
    private static final String[] UNITS = {"t", "kg", "g", "GJ", "TJ", "MJ", "kWh", "MWh", "GWh", "tC", "tCO2", "tCO2e",
            "tCH4", "tN2O", "%", "h", "Nm3", "m3", "L", "1", "kW", "t/h", "GJ/t", "tCO2/MWh", "10^4 Nm3", "foo", "tCo2",
            "t^2", "t^-1", "GJ/10^4 Nm3", "kgCH4", "tC/TJ", "tCO2/tC"};
    private static final String[] WORDS = {"methodology", "library", "version", "title", "source", "effective", "from",
            "until", "industry", "import", "factors", "set", "factor", "input", "value", "const", "emission", "total",
            "formula", "test", "expect", "class", "counter", "rate", "period", "optional", "basis", "valid", "clause",
            "confidence", "note", "within", "on", "in", "if", "then", "else", "and", "or", "not", "sum", "min", "max", "abs",
            "round", "available", "combustion", "indirect", "SAR", "AR5", "SITE", "{", "}", "[", "]", "(", ")", ",", ":",
            "=", "==", "<=", "+", "-", "*", "/", "^", "%", "\u00B1", "\"x\"", "\"", "2024-01-01", "1.2.3"};

    private SourceMutator() {
    }

    /** One to three random mutations of {@code text}. */
    static String mutate(String text, Random random) {
        String out = text;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            out = once(out, random);
        }
        return out;
    }

    private static String once(String text, Random random) {
        int[] cps = text.codePoints().toArray();
        List<Token> tokens = tokens(text);
        if (tokens.isEmpty() || cps.length == 0) {
            return text + pick(random, WORDS);
        }
        Token t = tokens.get(random.nextInt(tokens.size()));
        return switch (random.nextInt(10)) {
            case 0 -> splice(cps, t, "");
            case 1 -> splice(cps, t, t.getText() + " " + t.getText());
            case 2 -> swapWithNext(cps, tokens, random);
            case 3 -> insert(cps, random.nextInt(cps.length + 1), pick(random, CHARACTERS));
            case 4 -> new String(cps, 0, random.nextInt(cps.length + 1));
            case 5 -> splice(cps, some(tokens, TanheLexer.NUMBER, random, t), pick(random, NUMBERS));
            case 6 -> splice(cps, some(tokens, TanheLexer.IDENT, random, t), pick(random, UNITS));
            case 7 -> splice(cps, some(tokens, TanheLexer.IDENT, random, t), otherName(tokens, random));
            case 8 -> splice(cps, t, pick(random, WORDS));
            default -> moveLine(text, random);
        };
    }

    private static List<Token> tokens(String text) {
        TanheLexer lexer = new TanheLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(t);
        }
        return out;
    }

    private static Token some(List<Token> tokens, int type, Random random, Token fallback) {
        List<Token> ofType = tokens.stream().filter(t -> t.getType() == type).toList();
        return ofType.isEmpty() ? fallback : ofType.get(random.nextInt(ofType.size()));
    }

    /** Another name of the file, or a typo of one (a letter dropped, doubled or changed). */
    private static String otherName(List<Token> tokens, Random random) {
        List<String> names = tokens.stream().filter(t -> t.getType() == TanheLexer.IDENT).map(Token::getText).toList();
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        int at = random.nextInt(name.length());
        return switch (random.nextInt(4)) {
            case 0 -> name;
            case 1 -> name.length() > 1 ? name.substring(0, at) + name.substring(at + 1) : name + name;
            case 2 -> name.substring(0, at) + name.charAt(at) + name.substring(at);
            default -> name.substring(0, at) + (char) ('a' + random.nextInt(26)) + name.substring(at + 1);
        };
    }

    private static String splice(int[] cps, Token t, String replacement) {
        int start = t.getStartIndex();
        int stop = Math.min(t.getStopIndex() + 1, cps.length);
        return new String(cps, 0, start) + replacement + new String(cps, stop, cps.length - stop);
    }

    private static String swapWithNext(int[] cps, List<Token> tokens, Random random) {
        if (tokens.size() < 2) {
            return new String(cps, 0, cps.length);
        }
        int i = random.nextInt(tokens.size() - 1);
        Token a = tokens.get(i);
        Token b = tokens.get(i + 1);
        int aStop = a.getStopIndex() + 1;
        int bStop = Math.min(b.getStopIndex() + 1, cps.length);
        return new String(cps, 0, a.getStartIndex()) + b.getText() + new String(cps, aStop, b.getStartIndex() - aStop)
                + a.getText() + new String(cps, bStop, cps.length - bStop);
    }

    private static String insert(int[] cps, int at, String what) {
        return new String(cps, 0, at) + what + new String(cps, at, cps.length - at);
    }

    private static String moveLine(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        String line = lines.remove(random.nextInt(lines.size()));
        if (random.nextBoolean()) {
            lines.add(random.nextInt(lines.size() + 1), line);
        }
        if (random.nextInt(4) == 0) {
            lines.add(random.nextInt(lines.size() + 1), line);
        }
        return String.join("\n", lines);
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
