package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;
import org.kie.api.KieBase;

import java.util.List;
import java.util.Set;

/**
 * A ruleset compiled into a rules base (STREAM mode), ready for sessions.
 *
 * @param version   the ruleset's version label
 * @param base      the rules base
 * @param ruleNames the names of all rules in it
 * @param warnings  compiler warnings (the rules work); none when precompiled
 * @param precompiled whether the base was built from the models precompiled at build time rather than from DRL
 */
public record CompiledRules(String version, KieBase base, Set<String> ruleNames, List<RuleProblem> warnings, boolean precompiled) {

    public CompiledRules {
        ruleNames = Set.copyOf(ruleNames);
        warnings = List.copyOf(warnings);
    }
}
