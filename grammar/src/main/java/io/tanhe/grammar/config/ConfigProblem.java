package io.tanhe.grammar.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One thing wrong with a configuration file (site file, points file, uplink configuration,
 * thresholds). Every configuration error of Tanhe reads the same way:
 * <pre>
 * site.yaml:14:5: points[3].input: no input `coal_burnd` in cn.power-generation — did you mean `coal_burned`?
 * </pre>
 * the file, line and column where known, the field path as written in the file (YAML keys and list
 * indexes, never a Java name), what is wrong, and the nearest known name when the value looks like a
 * typo of one.
 *
 * @param file       the file as the person named it; may be empty
 * @param line       1-based line; 0 when unknown
 * @param column     1-based column; 0 when unknown
 * @param path       the field path, e.g. {@code points[3].input}; {@code ""} for the file as a whole
 * @param message    what is wrong and, where possible, what to write instead
 * @param suggestion the known name the wrong one most likely meant; {@code ""} when none is close
 */
public record ConfigProblem(String file, int line, int column, String path, String message, String suggestion) {

    public ConfigProblem {
        ConfigPlace normal = new ConfigPlace(file, line, column, path);
        file = normal.file();
        line = normal.line();
        column = normal.column();
        path = normal.path();
        message = message == null ? "" : message;
        suggestion = suggestion == null ? "" : suggestion;
    }

    /** A problem at {@code place} without a suggestion. */
    public static ConfigProblem at(ConfigPlace place, String message) {
        return at(place, message, Optional.empty());
    }

    /** A problem at {@code place}, with the name the person most likely meant when there is one. */
    public static ConfigProblem at(ConfigPlace place, String message, Optional<String> suggestion) {
        return new ConfigProblem(place.file(), place.line(), place.column(), place.path(), message, suggestion.orElse(""));
    }

    /** Where the problem is: file, line, column and path. */
    public ConfigPlace place() {
        return new ConfigPlace(file, line, column, path);
    }

    /**
     * {@code problems} in the order a person reads them: the files in the order their first problem was
     * found, each by line and column (problems without a line, about the file as a whole, first).
     */
    public static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<String> files = problems.stream().map(ConfigProblem::file).distinct().toList();
        return problems.stream().sorted(Comparator.comparingInt((ConfigProblem p) -> files.indexOf(p.file()))
                .thenComparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column)).toList();
    }

    /** The message with its did-you-mean, without the place. */
    public String text() {
        return suggestion.isEmpty() ? message : message + " — did you mean `" + suggestion + "`?";
    }

    /** {@code file:line:column: path: message — did you mean `x`?}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        String where = place().toString();
        return where.isEmpty() ? text() : where + ": " + text();
    }
}
