package io.tanhe.cli;

import io.tanhe.lsp.LanguageServerMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe lsp}: the language server for methodology files, on stdin and stdout. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Run the language server for methodology (.tanhe) files over stdin/stdout (LSP, JSON-RPC).",
                "Editors start it: the VS Code extension in editors/vscode does; for Neovim, Emacs and others",
                "see docs/editors.md. Diagnostics carry the same codes and positions as `tanhe check`.",
                "Imports not found beside a file are looked up in the installed library, then in each --library."})
public final class LspCommand implements Callable<Integer> {

    @Option(names = "--library", paramLabel = "DIR", description = "another folder to look up imports in (repeatable)")
    List<Path> libraries = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> path = new ArrayList<>(InstalledLibrary.importPath());
        path.addAll(libraries);
        return LanguageServerMain.serve(System.in, System.out, path);
    }
}
