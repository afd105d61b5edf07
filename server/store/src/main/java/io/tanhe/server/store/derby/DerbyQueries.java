package io.tanhe.server.store.derby;

import java.sql.ResultSet;
import java.sql.Statement;

/** Small queries shared by the tables. */
final class DerbyQueries {
    private DerbyQueries() {
    }

    /** The number of rows in {@code table} (a name from this package, never user input). */
    static long count(DerbyDatabase db, String table) {
        return db.inTransaction("counting " + table, c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
