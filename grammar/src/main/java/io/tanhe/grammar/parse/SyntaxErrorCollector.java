package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.ast.SourceSpan;
import io.tanhe.grammar.diagnostics.Diagnostics;
import io.tanhe.grammar.diagnostics.ErrorCode;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's syntax errors into positioned diagnostics with the expected tokens in plain words. */
final class SyntaxErrorCollector extends BaseErrorListener {
    private final String path;
    private final Diagnostics diagnostics;
    private int lastReportedToken = -1;

    SyntaxErrorCollector(String path, Diagnostics diagnostics) {
        this.path = path;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                            String antlrMessage, RecognitionException e) {
        if (!(offendingSymbol instanceof Token token)) {
            return; // the lexer never fails: INVALID_CHAR catches everything it cannot match
        }
        if (token.getTokenIndex() == lastReportedToken) {
            return; // one report per offending token is enough; recovery may retry it
        }
        lastReportedToken = token.getTokenIndex();
        SourceSpan span = spanOf(token);
        switch (token.getType()) {
            case TanheLexer.INVALID_CHAR -> diagnostics.report(ErrorCode.E102, span,
                    "invalid character `" + token.getText() + "`" + codePoint(token.getText()),
                    invalidCharHint(token.getText()));
            case TanheLexer.UNTERMINATED_STRING -> diagnostics.report(ErrorCode.E101, span,
                    "string is not closed on this line", "add the closing `\"`");
            default -> {
                IntervalSet expected = recognizer instanceof Parser p ? safeExpected(p) : new IntervalSet();
                String found = token.getType() == Token.EOF ? "end of file" : "`" + token.getText() + "`";
                String hint = expected.isNil() ? "" : "expected " + TokenNames.describe(expected);
                diagnostics.report(ErrorCode.E100, span, "unexpected " + found, hint);
            }
        }
    }

    private static IntervalSet safeExpected(Parser p) {
        try {
            return p.getExpectedTokens();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new IntervalSet(); // no rule context to compute from (e.g. at the very start)
        }
    }

    private SourceSpan spanOf(Token token) {
        int length = token.getType() == Token.EOF ? 1 : Math.max(1, token.getText().length());
        return new SourceSpan(path, token.getLine(), token.getCharPositionInLine() + 1,
                token.getLine(), token.getCharPositionInLine() + length);
    }

    private static String codePoint(String text) {
        return text.isEmpty() ? "" : String.format(" (U+%04X)", text.codePointAt(0));
    }

    private static String invalidCharHint(String c) {
        return switch (c) {
            case ";" -> "statements need no terminator; remove the `;`";
            case "\uFF0C" -> "a full-width comma: use `,`";
            case "\uFF08", "\uFF09" -> "full-width parentheses: use `(` and `)`";
            case "\u00D7" -> "use `*` for multiplication";
            case "'" -> "strings use double quotes";
            default -> "remove it, or put text inside a string in double quotes";
        };
    }
}
