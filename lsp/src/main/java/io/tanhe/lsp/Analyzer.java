package io.tanhe.lsp;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.grammar.TanheLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the text an editor holds, as {@code tanhe check} compiles the file: imports resolve next to
 * the document (when it has a file URI) and then in the installed library.
 */
final class Analyzer {
    private final List<Path> libraries;

    Analyzer(List<Path> libraries) {
        this.libraries = List.copyOf(libraries);
    }

    Analysis analyze(String uri, String text) {
        String displayPath = displayPath(uri);
        Compilation compilation = Compiler.compileText(displayPath, text, libraries);
        return new Analysis(uri, displayPath, text, tokens(text), compilation);
    }

    /** The file path of a {@code file:} URI, so relative imports resolve beside it; the URI itself otherwise. */
    static String displayPath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) {
                return Path.of(parsed).toString();
            }
        } catch (IllegalArgumentException e) {
            // not a URI an editor would send; name the document by the text it gave
        }
        return uri;
    }

    private static List<Token> tokens(String text) {
        TanheLexer lexer = new TanheLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(t);
            }
        }
        return tokens;
    }
}
