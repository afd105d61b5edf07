package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheLexer;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns every comment of a file to one AST node that can carry comments (a statement, a factor
 * entry), so that {@code fmt} prints each comment exactly once, above its node:
 * a comment inside a node belongs to the innermost such node; a comment on the line where a node
 * ends belongs to that node; any other comment belongs to the next node; the rest trail the file.
 */
final class CommentIndex {
    private final Map<ParserRuleContext, List<String>> byNode = new HashMap<>();
    private final List<String> trailing = new ArrayList<>();

    CommentIndex(CommonTokenStream tokens, List<ParserRuleContext> attachables) {
        for (Token t : tokens.getTokens()) {
            if (t.getChannel() == Token.HIDDEN_CHANNEL
                    && (t.getType() == TanheLexer.LINE_COMMENT || t.getType() == TanheLexer.BLOCK_COMMENT)) {
                ParserRuleContext owner = ownerOf(t, attachables, tokens);
                (owner == null ? trailing : byNode.computeIfAbsent(owner, k -> new ArrayList<>())).add(t.getText().strip());
            }
        }
    }

    List<String> of(ParserRuleContext node) {
        return byNode.getOrDefault(node, List.of());
    }

    List<String> trailing() {
        return trailing;
    }

    private static ParserRuleContext ownerOf(Token c, List<ParserRuleContext> nodes, CommonTokenStream tokens) {
        int at = c.getTokenIndex();
        ParserRuleContext inner = null;
        ParserRuleContext endingOnLine = null;
        ParserRuleContext next = null;
        for (ParserRuleContext n : nodes) {
            int start = n.getStart().getTokenIndex();
            int stop = stopIndex(n);
            if (start < at && at < stop && (inner == null || stop - start < stopIndex(inner) - inner.getStart().getTokenIndex())) {
                inner = n;
            } else if (stop < at && n.getStop() != null && n.getStop().getLine() == c.getLine()) {
                if (endingOnLine == null || stop - start < stopIndex(endingOnLine) - endingOnLine.getStart().getTokenIndex()
                        || stopIndex(endingOnLine) < stop) {
                    endingOnLine = n;
                }
            } else if (start > at && (next == null || start < next.getStart().getTokenIndex())) {
                next = n;
            }
        }
        if (inner == null) {
            return endingOnLine != null ? endingOnLine : next;
        }
        if (endingOnLine != null && within(endingOnLine, inner)) {
            return endingOnLine;
        }
        return next != null && within(next, inner) ? next : inner;
    }

    private static boolean within(ParserRuleContext node, ParserRuleContext outer) {
        return node.getStart().getTokenIndex() >= outer.getStart().getTokenIndex() && stopIndex(node) <= stopIndex(outer);
    }

    private static int stopIndex(ParserRuleContext n) {
        Token stop = n.getStop();
        return stop == null ? n.getStart().getTokenIndex() : Math.max(stop.getTokenIndex(), n.getStart().getTokenIndex());
    }
}
