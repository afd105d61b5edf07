package io.tanhe.cli;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.provenance.ContentHash;
import io.tanhe.engine.provenance.Explanation;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.ObservationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * What {@code eval} and {@code explain} share: compile a methodology, layer a site factor table
 * over its defaults, and feed a CSV of observations through the incremental evaluator.
 */
final class OfflineRun {
    final Compilation compilation;
    final IncrementalEvaluator evaluator;
    final int observations;

    private OfflineRun(Compilation compilation, IncrementalEvaluator evaluator, int observations) {
        this.compilation = compilation;
        this.evaluator = evaluator;
        this.observations = observations;
    }

    /** Null after printing why it could not run. */
    static OfflineRun start(Path methodology, Path data, Path factorTable, ZoneId zone, Grain grain, PrintStream err) throws IOException {
        Compilation c = Compiler.compile(methodology, InstalledLibrary.importPath());
        if (!c.ok()) {
            CheckCommand.print(c, err);
            err.println(CheckCommand.summary(c.errors(), c.warnings()));
            return null;
        }
        FactorLibrary factors = c.defaults().library();
        if (factorTable != null) {
            FactorTableLoad load = FactorTableLoader.load(factorTable);
            if (!load.succeeded()) {
                load.problems().forEach(p -> err.println(p));
                return null;
            }
            factors = factors.overriddenBy(load.library().orElseThrow());
        }
        ObservationFile.Loaded loaded = ObservationFile.read(data, zone);
        if (!loaded.errors().isEmpty()) {
            report(loaded.errors(), err);
            return null;
        }
        List<Grain> rolled = Grain.MINUTE.coarser().stream().filter(g -> !g.isCoarserThan(grain)).toList();
        IncrementalEvaluator evaluator = new IncrementalEvaluator(c.graph().orElseThrow(), factors, zone, Grain.MINUTE, rolled);
        int n = 0;
        List<String> rejected = new java.util.ArrayList<>();
        for (Observation o : loaded.observations()) {
            try {
                evaluator.accept(o);
                n++;
            } catch (ObservationException e) {
                rejected.add(data + ": " + e.getMessage());
            }
        }
        if (!rejected.isEmpty()) {
            report(rejected, err);
            return null;
        }
        return new OfflineRun(c, evaluator, n);
    }

    Explanation.Methodology methodology() {
        var info = compilation.graph().orElseThrow().info();
        return new Explanation.Methodology(info.id(), info.version(), info.title(), ContentHash.of(compilation.loaded()));
    }

    private static void report(List<String> errors, PrintStream err) {
        errors.stream().limit(20).forEach(err::println);
        if (errors.size() > 20) {
            err.println("… and " + (errors.size() - 20) + " more problems");
        }
        err.println(errors.size() + " bad observations; nothing was evaluated");
    }
}
