package io.tanhe.drivers.config;

import io.tanhe.drivers.ConfigException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A points file with one or more problems. Loading collects every problem instead of stopping at
 * the first, so an operator fixes the file in one round; {@link #field()} names the first one.
 */
public class InvalidConfigException extends ConfigException {
    private final String file;
    private final List<ConfigProblem> problems;

    public InvalidConfigException(String file, List<ConfigProblem> problems) {
        super(problems.isEmpty() ? "" : problems.get(0).path(), describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other origin) that was loaded. */
    public String file() {
        return file;
    }

    /** Every problem found, in file order as far as loading could tell. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String file, List<ConfigProblem> problems) {
        return problems.size() + " problem(s) in " + file + ":\n" + problems.stream()
                .map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
