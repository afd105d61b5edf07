package io.tanhe.grammar.config;

import java.util.List;

/**
 * A configuration file with problems. Reading collects every problem instead of stopping at the
 * first, so a person fixes the file in one round; the message lists them all, in file order (the
 * files in the order their first problem was found, each by line and column):
 * <pre>
 * site.yaml: 2 problems
 *   site.yaml:14:5: points[3].input: no input `coal_burnd` in cn.power-generation — did you mean `coal_burned`?
 *   points.yaml:7:9: devices[1].period: `4h` is outside 1s … 3h
 * </pre>
 * Nothing was applied or started.
 */
public class InvalidConfigException extends RuntimeException {
    private final String file;
    private final List<ConfigProblem> problems;

    /**
     * @param file     the file that was read (for the header line)
     * @param problems every problem found, in the order they were found
     */
    public InvalidConfigException(String file, List<ConfigProblem> problems) {
        this(file, ConfigProblem.inFileOrder(problems), true);
    }

    private InvalidConfigException(String file, List<ConfigProblem> sorted, boolean ignored) {
        super(render(file, sorted));
        this.file = file;
        this.problems = sorted;
    }

    /** One problem with a file as a whole, e.g. that it cannot be read. */
    public static InvalidConfigException of(String file, String message) {
        return new InvalidConfigException(file, List.of(ConfigProblem.at(ConfigPlace.of(file), message)));
    }

    /** The file that was read. */
    public String file() {
        return file;
    }

    /** Every problem, each with its own file, line, column and path. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String file, List<ConfigProblem> problems) {
        StringBuilder b = new StringBuilder(file).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        problems.forEach(p -> b.append('\n').append("  ").append(p));
        return b.toString();
    }
}
