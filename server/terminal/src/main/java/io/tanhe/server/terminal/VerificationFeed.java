package io.tanhe.server.terminal;

import io.tanhe.engine.incremental.ResultValue;
import io.tanhe.engine.rules.RulesEngine;
import io.tanhe.engine.rules.fact.PeriodChangeFact;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.evaluation.CalendarRollUp;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.TimeRange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows each year the calendar roll-up makes to the year-on-year verification check, with the stored figure of the year
 * before, as a {@link PeriodChangeFact}, for each node and key both have. (The result writer already shows the rules
 * every week to year it stores, which the checks on closed months read.) Runs on the roll-up thread; the rules engine
 * serialises its calls.
 */
final class VerificationFeed implements CalendarRollUp.Observer {
    private final RulesEngine rules;
    private final ResultStore store;

    VerificationFeed(RulesEngine rules, ResultStore store) {
        this.rules = rules;
        this.store = store;
    }

    @Override
    public void rolledUp(TimeBucket coarse, List<ResultValue> figures) {
        if (coarse.grain() == Grain.YEAR) {
            yearOnYear(coarse, figures);
        }
    }

    /** {@code figures}: one chunk of the year's; only the year before's figures of the same nodes and keys are kept. */
    private void yearOnYear(TimeBucket year, List<ResultValue> figures) {
        Set<String> wanted = new HashSet<>();
        for (ResultValue v : figures) {
            if (v.completeness() >= 0.99) {
                wanted.add(v.node() + "\u0000" + v.key());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        TimeBucket before = year.previous();
        Map<String, Double> previous = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        store.scan(ResultFilter.of(TimeRange.of(before.start(), before.end())).grain(Grain.YEAR), r -> {
            if (r.result().bucketStart().equals(before.start()) && r.result().completeness() >= 0.99
                    && wanted.contains(r.result().nodeId() + "\u0000" + r.result().key())) {
                previous.put(r.result().nodeId() + "\u0000" + r.result().key(), r.result().value());
                units.put(r.result().nodeId() + "\u0000" + r.result().key(), r.result().unit());
            }
        });
        for (ResultValue v : figures) {
            String id = v.node() + "\u0000" + v.key();
            if (v.completeness() >= 0.99 && previous.containsKey(id) && units.get(id).equals(v.unit().text())) {
                rules.change(new PeriodChangeFact(v.node(), v.key(), Grain.YEAR, year.start(), year.end(), v.value(), previous.get(id),
                        v.unit().text()));
            }
        }
    }
}
