package io.tanhe.grammar.parse;

import io.tanhe.grammar.TanheLexer;
import io.tanhe.grammar.TanheParser;
import io.tanhe.grammar.diagnostics.Diagnostics;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text of a {@code .tanhe} file into an immutable AST. Never throws on bad input: syntax
 * errors become diagnostics, the parser recovers and keeps going, and the AST holds every
 * statement it could read.
 */
public final class MethodologyParser {

    private MethodologyParser() {
    }

    /**
     * @param path the file's path as it should appear in diagnostics
     * @param text the file's content
     */
    public static ParseResult parse(String path, String text) {
        Diagnostics diagnostics = new Diagnostics();
        CommonTokenStream all = new CommonTokenStream(lexer(text));
        all.fill();
        List<Token> scanned = Limits.scan(path, all.getTokens(), diagnostics);
        CommonTokenStream tokens = scanned.size() == all.getTokens().size() ? all
                : new CommonTokenStream(new ListTokenSource(scanned));
        TanheParser parser = new TanheParser(tokens);
        parser.removeErrorListeners();
        // Fast path: SLL prediction that gives up at the first error; valid files (nearly all) stay on it.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        TanheParser.FileContext tree;
        boolean recovering = false;
        try {
            tree = parser.file();
        } catch (ParseCancellationException slowPath) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(new SyntaxErrorCollector(path, diagnostics));
            tree = parser.file();
            recovering = diagnostics.hasErrors();
        }
        if (tokens != all) {
            recovering = true; // statements were left out: build what remains, drop what is incomplete
        }
        CommentIndex comments = new CommentIndex(tokens, attachables(tree));
        AstBuilder builder = new AstBuilder(path, diagnostics, comments, recovering);
        return new ParseResult(builder.build(tree), diagnostics.sorted());
    }

    private static TanheLexer lexer(String text) {
        TanheLexer lexer = new TanheLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners(); // INVALID_CHAR makes the lexer total; the parser reports it
        return lexer;
    }

    /** The nodes that carry comments: header, statements, factor entries, test statements. */
    private static List<ParserRuleContext> attachables(TanheParser.FileContext tree) {
        List<ParserRuleContext> nodes = new ArrayList<>();
        if (tree.header() != null && tree.header().getStart() != null) {
            nodes.add(tree.header());
        }
        for (TanheParser.StatementContext st : tree.statement()) {
            if (st.getStart() == null) {
                continue;
            }
            nodes.add(st);
            collect(st, nodes);
        }
        return nodes;
    }

    private static void collect(ParseTree node, List<ParserRuleContext> out) {
        for (int i = 0; i < node.getChildCount(); i++) {
            ParseTree child = node.getChild(i);
            if ((child instanceof TanheParser.FactorEntryContext || child instanceof TanheParser.TestStatementContext)
                    && ((ParserRuleContext) child).getStart() != null) {
                out.add((ParserRuleContext) child);
            }
            collect(child, out);
        }
    }
}
