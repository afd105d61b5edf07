package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sizes the toolchain accepts. The parser and the compiler's stages are recursive, and the
 * terminal runs with a small stack ({@code -Xss512k}) and heap; rather than overflow either on a
 * pathological file, they refuse it with a positioned diagnostic. Each limit is many times what the
 * library uses (its deepest nesting is 4, its longest formula has 15 operators, its largest set 30
 * members, its largest file 15 KB).
 *
 * <p>{@link #scan} runs on the token stream before the parser: a statement that is nested too deep
 * (E104) or too long (E105) is reported and left out of the parse, so the parser never recurses
 * into it; a control character inside a string is E106.
 */
public final class Limits {
    /** Parentheses, brackets and braces open at once (E104). */
    public static final int MAX_NESTING = 64;
    /** Files in one chain of imports (E104). */
    public static final int MAX_IMPORT_DEPTH = 32;
    /** Operators in one formula (E105). */
    public static final int MAX_OPERATORS = 256;
    /** Bytes of one file (E107). */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Members of one set (E108). */
    public static final int MAX_SET_MEMBERS = 1_000;
    /** Member combinations of one indexed declaration, the product of its sets' sizes (E108). */
    public static final int MAX_COMBINATIONS = 100_000;

    private static final Set<Integer> STATEMENT_STARTS = Set.of(TanheLexer.IMPORT, TanheLexer.FACTORS, TanheLexer.SET,
            TanheLexer.FACTOR, TanheLexer.INPUT, TanheLexer.CONST, TanheLexer.VALUE, TanheLexer.EMISSION,
            TanheLexer.TOTAL, TanheLexer.FORMULA, TanheLexer.TEST);
    private static final Set<Integer> FORMULA_STARTS = Set.of(TanheLexer.CONST, TanheLexer.VALUE, TanheLexer.EMISSION,
            TanheLexer.TOTAL, TanheLexer.FORMULA);
    private static final Set<Integer> OPERATORS = Set.of(TanheLexer.PLUS, TanheLexer.MINUS, TanheLexer.STAR,
            TanheLexer.SLASH, TanheLexer.CARET, TanheLexer.LT, TanheLexer.LE, TanheLexer.GT, TanheLexer.GE,
            TanheLexer.EQ, TanheLexer.NEQ, TanheLexer.AND, TanheLexer.OR, TanheLexer.NOT, TanheLexer.IF);

    private Limits() {
    }

    /**
     * Checks the tokens of one file (every channel, ending with EOF) and reports what exceeds a limit.
     *
     * @return the tokens to parse: all of them, or without the statements that exceed a limit
     */
    static List<Token> scan(String path, List<Token> tokens, Diagnostics diagnostics) {
        List<Token> kept = new ArrayList<>(tokens.size());
        List<Token> statement = new ArrayList<>();
        boolean refused = false;
        boolean formula = false;
        int depth = 0;
        int operators = 0;
        for (Token t : tokens) {
            int type = t.getType();
            if (t.getChannel() == Token.DEFAULT_CHANNEL && depth <= 0 && (STATEMENT_STARTS.contains(type) || type == Token.EOF)) {
                if (!refused) {
                    kept.addAll(statement);
                }
                statement.clear();
                refused = false;
                formula = FORMULA_STARTS.contains(type);
                depth = 0;
                operators = 0;
            }
            statement.add(t);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (type) {
                case TanheLexer.LPAREN, TanheLexer.LBRACK, TanheLexer.LBRACE -> {
                    if (++depth > MAX_NESTING && !refused) {
                        diagnostics.report(ErrorCode.E104, span(path, t),
                                "nested more than " + MAX_NESTING + " deep",
                                "write the inner part as a `value` of its own and use its name here");
                        refused = true;
                    }
                }
                case TanheLexer.RPAREN, TanheLexer.RBRACK, TanheLexer.RBRACE -> depth--;
                case TanheLexer.STRING -> {
                    if (!refused) {
                        controlCharacter(path, t, diagnostics);
                    }
                }
                default -> {
                    if (formula && OPERATORS.contains(type) && ++operators > MAX_OPERATORS && !refused) {
                        diagnostics.report(ErrorCode.E105, span(path, t),
                                "this formula has more than " + MAX_OPERATORS + " operators",
                                "sum over a set with sum(), or split it into intermediate `value` declarations");
                        refused = true;
                    }
                }
            }
        }
        if (refused) { // the EOF ended a refused statement (one never closed): keep the EOF only
            kept.add(statement.getLast());
        } else {
            kept.addAll(statement); // the EOF token starts the last "statement"
        }
        return kept;
    }

    /** A control character (NUL, ESC, DEL, …) inside a string: it would travel into reports and uplink packets. */
    private static void controlCharacter(String path, Token t, Diagnostics diagnostics) {
        String text = t.getText();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                int column = t.getCharPositionInLine() + 1 + text.codePointCount(0, i);
                diagnostics.report(ErrorCode.E106, new SourceSpan(path, t.getLine(), column, t.getLine(), column),
                        String.format("control character U+%04X%s inside a string", (int) c, c == 0 ? " (NUL)" : ""),
                        "remove it; write `\\n` for a line break");
                return;
            }
        }
    }

    private static SourceSpan span(String path, Token t) {
        int len = Math.max(1, t.getText() == null ? 1 : t.getText().length());
        return new SourceSpan(path, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(), t.getCharPositionInLine() + len);
    }
}
