package io.tanhe.cli;

import io.tanhe.grammar.diagnostics.DiagnosticPrinter;
import io.tanhe.grammar.format.CanonicalPrinter;
import io.tanhe.grammar.parse.MethodologyParser;
import io.tanhe.grammar.parse.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tanhe fmt FILE}: prints the file in canonical layout (or rewrites it, or checks it). */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Print a methodology file in the canonical layout, the form its content hash is taken of.",
                "Comments are kept, above the statement they belong to. A file with syntax errors is not formatted."})
public final class FmtCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a methodology (.tanhe) file")
    Path file;

    @Option(names = "--write", description = "rewrite the file in place instead of printing it")
    boolean write;

    @Option(names = "--check", description = "print nothing; exit 1 if the file is not in canonical layout")
    boolean check;

    @Override
    public Integer call() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ParseResult parsed = MethodologyParser.parse(file.toString(), text);
        if (parsed.hasErrors()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(p -> text.lines().toList());
            parsed.diagnostics().forEach(d -> System.err.print(printer.render(d)));
            System.err.println("fmt: " + file + " has syntax errors; fix them first (tanhe check " + file + ")");
            return 1;
        }
        String canonical = CanonicalPrinter.print(parsed.file());
        if (check) {
            boolean same = canonical.equals(text);
            if (!same) {
                System.err.println(file + ": not in canonical layout (run: tanhe fmt --write " + file + ")");
            }
            return same ? 0 : 1;
        }
        if (write) {
            Files.writeString(file, canonical, StandardCharsets.UTF_8);
        } else {
            System.out.print(canonical);
        }
        return 0;
    }
}
