package io.tanhe.grammar.config;

/**
 * Where something sits in a configuration file: the file, the 1-based line and column of its key
 * (0 when unknown, e.g. for a value a template supplied) and its field path, e.g.
 * {@code points[3].input}.
 *
 * @param file   the file as the person named it (or {@code template <model>} for a meter template)
 * @param line   1-based line; 0 when unknown
 * @param column 1-based column; 0 when unknown
 * @param path   the field path from the top of the file; {@code ""} for the file as a whole
 */
public record ConfigPlace(String file, int line, int column, String path) {

    public ConfigPlace {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        if (line <= 0) {
            line = 0;
            column = 0;
        }
        column = Math.max(0, column);
    }

    /** The file as a whole. */
    public static ConfigPlace of(String file) {
        return new ConfigPlace(file, 0, 0, "");
    }

    /** The same place under another path (e.g. a field that was not written, reported at its object). */
    public ConfigPlace withPath(String newPath) {
        return new ConfigPlace(file, line, column, newPath);
    }

    /** {@code file:line:column}, leaving out what is unknown; {@code ""} when even the file is. */
    public String where() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(b.isEmpty() ? "line " : ":").append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        String where = where();
        return path.isEmpty() ? where : where.isEmpty() ? path : where + ": " + path;
    }
}
