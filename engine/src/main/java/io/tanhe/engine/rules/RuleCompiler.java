package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieServices;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Builds a STREAM-mode rules base from a rule set together with the generic rules. When every DRL file of the set
 * was precompiled at build time (the shipped rules, matched by their exact text, see {@link PrecompiledModels}), the
 * base is built from those executable models without the DRL compiler; otherwise the DRL is compiled (classic path,
 * MVEL dialect allowed) and every problem is returned with its DRL file and line. A condition comparing
 * {@code valueIn("unit")} without {@code convertibleTo("unit")} before it is an error too (see {@link UnitGuards}).
 */
public final class RuleCompiler {
    /** The generic threshold, gap and source-switch rules, always compiled in. */
    public static final String GENERIC_PATH = "io/tanhe/engine/rules/generic.drl";
    private static final String GENERIC_DRL = loadGeneric();
    private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);

    /**
     * Builds the rules base of {@code rules}: from the precompiled models when all its files have one, else from DRL.
     *
     * @throws RulesRejectedException with each error's file and line
     */
    public CompiledRules compile(RuleSet rules) throws RulesRejectedException {
        List<String> drls = new ArrayList<>(List.of(GENERIC_DRL));
        rules.sources().forEach(s -> drls.add(s.drl()));
        try {
            Optional<List<Model>> models = PrecompiledModels.of(drls);
            if (models.isPresent()) {
                InternalKnowledgeBase base = KieBaseBuilder.createKieBaseFromModel(models.get(), streamMode());
                LOG.info("rules {}: built from the precompiled models of {} DRL files (no DRL compilation)", rules.version(), drls.size());
                return new CompiledRules(rules.version(), base, ruleNames(base), List.of(), true);
            }
            LOG.info("rules {}: compiled from DRL ({} files; not all of them are shipped files precompiled at build time)",
                    rules.version(), drls.size());
        } catch (RuntimeException e) { // a broken build must not stop rules that compile from DRL
            LOG.warn("rules {}: the precompiled models did not load ({}); compiling the DRL instead", rules.version(), e.toString());
        }
        return compileDrl(rules);
    }

    /**
     * Compiles {@code rules} from DRL even when they were precompiled, for checks that report the compiler's warnings.
     *
     * @throws RulesRejectedException with each error's file and line
     */
    public CompiledRules compileDrl(RuleSet rules) throws RulesRejectedException {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(resource(GENERIC_PATH, GENERIC_DRL), ResourceType.DRL);
        for (RuleSource s : rules.sources()) {
            builder.add(resource(s.path(), s.drl()), ResourceType.DRL);
        }
        List<RuleProblem> errors = new ArrayList<>(problems(builder, ResultSeverity.ERROR, RuleProblem.Level.ERROR));
        for (RuleSource s : rules.sources()) {
            errors.addAll(UnitGuards.check(s));
        }
        if (!errors.isEmpty()) {
            throw new RulesRejectedException(rules.version(), errors);
        }
        InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(streamMode());
        base.addPackages(builder.getKnowledgePackages());
        return new CompiledRules(rules.version(), base, ruleNames(base), problems(builder, ResultSeverity.WARNING, RuleProblem.Level.WARNING), false);
    }

    private static KieBaseConfiguration streamMode() {
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration();
        conf.setOption(EventProcessingOption.STREAM);
        return conf;
    }

    private static Set<String> ruleNames(InternalKnowledgeBase base) {
        Set<String> names = new HashSet<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        return names;
    }

    /**
     * Starts compiling {@code rules} on a thread of its own ({@code rules-build}), so that a starting terminal can
     * open its store meanwhile; {@link Pending#join()} returns the result or throws what {@link #compile} threw.
     */
    public Pending compileInBackground(RuleSet rules) {
        return new Pending(CompletableFuture.supplyAsync(() -> {
            try {
                return compile(rules);
            } catch (RulesRejectedException e) {
                throw new CompletionException(e);
            }
        }, r -> Thread.ofPlatform().daemon().name("rules-build").start(r)));
    }

    /** A compilation running on its own thread (see {@link #compileInBackground}). */
    public static final class Pending {
        private final CompletableFuture<CompiledRules> task;

        private Pending(CompletableFuture<CompiledRules> task) {
            this.task = task;
        }

        /**
         * Waits for the compilation (uninterruptibly: it takes well under a second; an interrupt is kept for the caller).
         *
         * @throws RulesRejectedException with each error's file and line, as {@link #compile} does
         */
        public CompiledRules join() throws RulesRejectedException {
            try {
                return task.join();
            } catch (CompletionException e) {
                switch (e.getCause()) {
                    case RulesRejectedException r -> throw r;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw e;
                }
            }
        }
    }

    private static Resource resource(String path, String drl) {
        Resource r = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8));
        r.setSourcePath(path);
        r.setResourceType(ResourceType.DRL);
        return r;
    }

    private static List<RuleProblem> problems(KnowledgeBuilder builder, ResultSeverity severity, RuleProblem.Level level) {
        List<RuleProblem> list = new ArrayList<>();
        for (KnowledgeBuilderResult r : builder.getResults(severity)) {
            String file = r.getResource() != null && r.getResource().getSourcePath() != null
                    ? r.getResource().getSourcePath() : "(rules)";
            int[] lines = r.getLines();
            int line = lines != null && lines.length > 0 ? Math.max(0, lines[0]) : 0;
            String message = r.getMessage().strip().replaceAll("\\s*\\n\\s*", "; ");
            list.add(new RuleProblem(file, line, 0, level, level == RuleProblem.Level.ERROR ? "R101" : "R102",
                    message, level == RuleProblem.Level.ERROR ? "fix the DRL at this line; the running rules stay until it compiles" : ""));
        }
        return list;
    }

    private static String loadGeneric() {
        try (InputStream in = RuleCompiler.class.getClassLoader().getResourceAsStream(GENERIC_PATH)) {
            if (in == null) {
                throw new IllegalStateException("the generic rules " + GENERIC_PATH + " are missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
