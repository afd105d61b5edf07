package io.tanhe.engine.rules;

import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.engine.units.Unit;
import io.tanhe.engine.units.UnitParseException;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every {@code valueIn("unit")} in a rule's conditions is guarded by {@code convertibleTo("unit")}
 * earlier in the same pattern, and that the unit is a unit.
 *
 * <p>Why: {@code valueIn} of a fact whose unit does not convert is NaN, and Drools compares a NaN one way while it
 * interprets a condition and the other way once it has compiled it to bytecode (after some 20 evaluations): the
 * verdict on the same reading would flip. Guarded, such a fact simply does not match, every time. Consequences
 * ({@code then}) are plain Java, where every comparison with NaN is false, and are not checked.
 */
final class UnitGuards {
    static final String CODE = "R103";
    private static final Pattern CALL = Pattern.compile("(\\$[A-Za-z_]\\w*\\s*\\.\\s*)?\\b(valueIn|convertibleTo)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");

    private UnitGuards() {
    }

    /** The problems of {@code source}; empty when it does not parse (the compiler reports that). */
    static List<RuleProblem> check(RuleSource source) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, source.drl());
            if (parser.hasErrors() || pkg == null) {
                return List.of();
            }
        } catch (DroolsParserException e) {
            return List.of();
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            walk(source.path(), rule.getName(), rule.getLhs(), problems);
        }
        return List.copyOf(problems);
    }

    private static void walk(String file, String rule, BaseDescr descr, List<RuleProblem> problems) {
        if (descr instanceof PatternDescr pattern) {
            checkPattern(file, rule, pattern, problems);
            if (pattern.getSource() != null) {
                walk(file, rule, pattern.getSource(), problems);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            for (BaseDescr child : element.getDescrs()) {
                walk(file, rule, child, problems);
            }
        }
    }

    private static void checkPattern(String file, String rule, PatternDescr pattern, List<RuleProblem> problems) {
        Set<String> guarded = new HashSet<>();
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr)) {
                continue;
            }
            Matcher m = CALL.matcher(expr.getExpression());
            while (m.find()) {
                String owner = m.group(1) == null ? "" : m.group(1).replaceAll("\\s", "");
                String unit = m.group(3);
                int line = expr.getLine() > 0 ? expr.getLine() : pattern.getLine();
                unitProblem(unit).ifPresent(p -> problems.add(RuleProblem.error(file, line, CODE,
                        "rule \"" + rule + "\": " + m.group(2) + "(\"" + unit + "\"): " + p, "write a unit such as t, GJ/t or kWh")));
                if (m.group(2).equals("convertibleTo")) {
                    guarded.add(owner + unit);
                } else if (!guarded.contains(owner + unit)) {
                    problems.add(RuleProblem.error(file, line, CODE, "rule \"" + rule + "\": " + owner + "valueIn(\"" + unit
                                    + "\") in a condition without " + owner + "convertibleTo(\"" + unit + "\") before it in the pattern;"
                                    + " for a value whose unit does not convert it is NaN, which Drools compares differently once it"
                                    + " has compiled the condition, so the rule's verdict would change",
                            "add " + owner + "convertibleTo(\"" + unit + "\") as a constraint before it"));
                }
            }
        }
    }

    private static Optional<String> unitProblem(String unit) {
        try {
            Unit.parse(unit);
            return Optional.empty();
        } catch (UnitParseException e) {
            return Optional.of("`" + unit + "` is not a unit: " + e.getMessage());
        }
    }
}
