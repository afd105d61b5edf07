package io.tanhe.engine.factors;

/**
 * One thing wrong with a factor table file.
 *
 * @param file    the file name as given to the loader
 * @param path    where in the document, e.g. {@code factors[12].unit}; {@code ""} for the whole document
 * @param line    one-based line, 0 when unknown
 * @param column  one-based column, 0 when unknown
 * @param message what is wrong and how to fix it
 */
public record FactorTableProblem(String file, String path, int line, int column, String message) {

    /** {@code file:line:col: error: path: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": error: " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
