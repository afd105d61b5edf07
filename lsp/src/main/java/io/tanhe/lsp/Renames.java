package io.tanhe.lsp;

import io.tanhe.engine.compile.Symbol;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rename within a file: a name declared in this document (not in an import, which other files share)
 * is changed at its declaration and at every use; the new name must be an identifier not yet declared.
 */
final class Renames {
    private Renames() {
    }

    static WorkspaceEdit of(Analysis analysis, int line, int character, String newName) {
        Token token = analysis.identifierAt(line, character)
                .orElseThrow(() -> refuse("no name at " + (line + 1) + ":" + (character + 1) + " to rename"));
        String old = token.getText();
        Optional<Symbol> symbol = analysis.symbol(old);
        if (symbol.isEmpty() || !analysis.isHere(symbol.get().span())) {
            throw refuse("`" + old + "` is not declared in this file"
                    + (symbol.isPresent() ? " but in " + symbol.get().span().file() + "; rename it there" : ""));
        }
        if (!newName.matches("[\\p{L}_][\\p{L}\\p{N}_]*") || Completions.keywords().contains(newName)) {
            throw refuse("`" + newName + "` is not a name: use letters, digits and _, not starting with a digit, and not a keyword");
        }
        if (analysis.symbol(newName).isPresent()) {
            throw refuse("`" + newName + "` is already declared in " + analysis.symbol(newName).get().span());
        }
        List<TextEdit> edits = analysis.identifiers(old).stream().map(t -> new TextEdit(Ranges.of(t), newName)).toList();
        return new WorkspaceEdit(Map.of(analysis.uri(), edits));
    }

    private static ResponseErrorException refuse(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
