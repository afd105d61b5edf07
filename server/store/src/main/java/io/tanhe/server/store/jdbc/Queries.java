package io.tanhe.server.store.jdbc;

import java.sql.ResultSet;
import java.sql.Statement;

/** Small queries shared by the tables. */
final class Queries {
    private Queries() {
    }

    /** The number of rows in {@code table} (a name from this package, never user input). */
    static long count(Database db, String table) {
        return db.read("counting " + table, c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
