package io.tanhe.server.site;

import java.util.List;

/** A site file with problems: every one is listed, each under its field path. Nothing was started. */
public final class InvalidSiteException extends RuntimeException {
    private final String file;
    private final List<SiteProblem> problems;

    public InvalidSiteException(String file, List<SiteProblem> problems) {
        super(render(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<SiteProblem> problems() {
        return problems;
    }

    private static String render(String file, List<SiteProblem> problems) {
        StringBuilder b = new StringBuilder(file).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        problems.forEach(p -> b.append(System.lineSeparator()).append("  ").append(p));
        return b.toString();
    }
}
