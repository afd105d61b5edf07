package io.tanhe.server.packages;

import java.util.List;

/** A folder that cannot be built into a package; {@link #problems()} says every reason, each with its file. */
public final class BuildException extends RuntimeException {
    private final List<String> problems;

    public BuildException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
