package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.rules.check.RulesChecker;
import io.tanhe.engine.rules.check.TargetCatalog;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe rules check FILE...}: compiles DRL and threshold files and reports every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check rules files: DRL compiles (with the generic rules), thresholds parse, no duplicate or",
                "contradictory thresholds, and with --methodology every threshold targets a known node and key.",
                "Prints each problem as path:line: error[CODE]: message, with a hint.",
                "The last line is exactly `N errors, M warnings`; the exit code is 1 if there is an error."})
public final class RulesCheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DRL (.drl), rulesets manifests (.rulesets.yaml: the DRL files they include) and thresholds (.yaml, .yml, .json) files")
    List<Path> files;

    @Option(names = "--methodology", paramLabel = "FILE", description = "methodology (.tanhe) whose nodes thresholds may target")
    Path methodology;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        TargetCatalog targets = TargetCatalog.ANY;
        if (methodology != null) {
            Compilation c = Compiler.compile(methodology, InstalledLibrary.importPath());
            if (c.graph().isEmpty()) {
                CheckCommand.print(c, out);
                out.println("the methodology " + methodology + " does not compile; fix it first (tanhe check)");
                out.println(CheckCommand.summary(Math.max(1, c.errors()), c.warnings()));
                return 1;
            }
            targets = TargetCatalog.of(c.graph().get());
        }
        List<RuleProblem> problems = new RulesChecker().check(files, targets);
        problems.forEach(p -> out.print(p.render()));
        long errors = problems.stream().filter(RuleProblem::isError).count();
        out.println(CheckCommand.summary(errors, problems.size() - errors));
        return errors > 0 ? 1 : 0;
    }
}
