package io.tanhe.engine.rules.validation;

import io.tanhe.engine.rules.fact.RuleFact;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what validation rules say about the fact being evaluated. Rules reach it as the global
 * {@code verdicts}: {@code verdicts.invalid(kcontext, $o, "reason")} or
 * {@code verdicts.suspicious(kcontext, $o, "reason")}. Validation rules run before the generic
 * threshold rules and alert rules (give them a positive salience): an invalid fact is taken out of
 * working memory at once, so no later rule sees it — it neither raises nor clears an alert, and the
 * previous fact of its slot stays for comparisons.
 *
 * <p>Not thread-safe: the rules engine calls it under its own lock.
 */
public final class Verdicts {
    private final List<Finding> findings = new ArrayList<>();
    private RuleFact current;

    /** Starts collecting for {@code fact}; findings about any other fact are kept too but belong to it only. */
    public void begin(RuleFact fact) {
        findings.clear();
        current = fact;
    }

    /** The verdict on the fact given to {@link #begin}, and stops collecting. */
    public Verdict finish() {
        if (findings.isEmpty()) {
            current = null;
            return Verdict.VALID;
        }
        List<Finding> mine = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.fact() == current) {
                mine.add(f);
            }
        }
        findings.clear();
        current = null;
        return Verdict.of(mine);
    }

    /** Starts collecting for the facts of one step, judged together; see {@link #finishAll}. */
    public void beginAll() {
        begin(null);
    }

    /** The verdicts on {@code facts} (in their order) since {@link #beginAll}, and stops collecting. */
    public List<Verdict> finishAll(List<? extends RuleFact> facts) {
        List<Verdict> all = new ArrayList<>(facts.size());
        for (RuleFact fact : facts) {
            if (findings.isEmpty()) {
                all.add(Verdict.VALID);
                continue;
            }
            List<Finding> mine = new ArrayList<>(1);
            for (Finding f : findings) {
                if (f.fact() == fact) {
                    mine.add(f);
                }
            }
            all.add(Verdict.of(mine));
        }
        findings.clear();
        return all;
    }

    /** From a rule: {@code fact} must not be used; it leaves working memory before any other rule sees it. */
    public void invalid(RuleContext context, RuleFact fact, String reason) {
        findings.add(new Finding(fact, Judgement.INVALID, context.getRule().getName(), reason));
        FactHandle handle = context.getKieRuntime().getFactHandle(fact);
        if (handle != null) {
            context.getKieRuntime().delete(handle);
        }
    }

    /** From a rule: {@code fact} is unusual; keep it but show why. */
    public void suspicious(RuleContext context, RuleFact fact, String reason) {
        findings.add(new Finding(fact, Judgement.SUSPICIOUS, context.getRule().getName(), reason));
    }

    /** True when a rule already judged {@code fact} invalid during this evaluation. */
    public boolean isInvalid(RuleFact fact) {
        for (Finding f : findings) {
            if (f.fact() == fact && f.judgement() == Judgement.INVALID) {
                return true;
            }
        }
        return false;
    }
}
