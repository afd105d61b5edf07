package io.tanhe.server.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The databases the store runs on. */
public enum Engine {
    /** Embedded SQLite (WAL, synchronous=FULL), the default for a new data directory. */
    SQLITE("sqlite"),
    /** Embedded Apache Derby, kept for data directories created before SQLite became the default. */
    DERBY("derby"),
    /** A PostgreSQL server, for server and central deployments. */
    POSTGRESQL("postgresql");

    /** The SQLite database file under a store directory. */
    public static final String SQLITE_FILE = "tanhe.sqlite";
    /** The Derby database directory under a store directory. */
    public static final String DERBY_DIRECTORY = "tanhe";

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** The name in site files and on the command line. */
    public String label() {
        return label;
    }

    /** The engine named {@code text} (case-insensitive). */
    public static Engine of(String text) {
        for (Engine e : values()) {
            if (e.label.equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown store engine `" + text + "`; use one of "
                + Arrays.stream(values()).map(Engine::label).collect(Collectors.joining(", ")));
    }

    /**
     * The embedded engine of the store in {@code directory}: Derby when it holds a Derby database (an existing
     * data directory opens as before), SQLite otherwise (a new one, or one already on SQLite).
     */
    public static Engine detect(Path directory) {
        return Files.isRegularFile(directory.resolve(DERBY_DIRECTORY).resolve("service.properties")) ? DERBY : SQLITE;
    }

    /** True when {@code directory} holds a store of either embedded engine. */
    public static boolean holdsStore(Path directory) {
        return Files.isRegularFile(directory.resolve(SQLITE_FILE))
                || Files.isRegularFile(directory.resolve(DERBY_DIRECTORY).resolve("service.properties"));
    }

    @Override
    public String toString() {
        return label;
    }
}
