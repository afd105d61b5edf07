package io.tanhe.engine.rules.validation;

import io.tanhe.engine.rules.fact.RuleFact;

/**
 * One validation rule's objection to one fact.
 *
 * @param fact      the fact judged
 * @param judgement {@link Judgement#SUSPICIOUS} or {@link Judgement#INVALID}
 * @param rule      the DRL rule that objected
 * @param reason    the sentence for the operator, with the value and what to do
 */
public record Finding(RuleFact fact, Judgement judgement, String rule, String reason) {
}
