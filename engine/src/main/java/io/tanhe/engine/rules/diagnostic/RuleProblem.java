package io.tanhe.engine.rules.diagnostic;

import java.util.Objects;

/**
 * One problem in a rules or thresholds file: what, where, and what to do.
 *
 * @param file    the file as given (or a resource path)
 * @param line    1-based line; 0 when unknown
 * @param column  1-based column; 0 when unknown
 * @param level   error or warning
 * @param code    a stable code, e.g. {@code R101}
 * @param message what is wrong, with the values involved
 * @param hint    what to do; may be empty
 */
public record RuleProblem(String file, int line, int column, Level level, String code, String message, String hint) {

    /** How bad a problem is. */
    public enum Level {
        ERROR, WARNING;

        public String word() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    public static RuleProblem error(String file, int line, String code, String message, String hint) {
        return new RuleProblem(file, line, 0, Level.ERROR, code, message, hint);
    }

    public static RuleProblem warning(String file, int line, String code, String message, String hint) {
        return new RuleProblem(file, line, 0, Level.WARNING, code, message, hint);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /** {@code file:line[:col]: error[R101]: message}. */
    public String headline() {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + level.word() + "[" + code + "]: " + message;
    }

    /** The headline and, when there is one, an indented hint line. */
    public String render() {
        return hint.isEmpty() ? headline() + "\n" : headline() + "\n  hint: " + hint + "\n";
    }

    @Override
    public String toString() {
        return headline();
    }
}
