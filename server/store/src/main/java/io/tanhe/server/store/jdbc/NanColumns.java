package io.tanhe.server.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** A nullable DOUBLE column holding a value that may be NaN: NaN is stored as SQL NULL and read back as NaN. */
final class NanColumns {
    private NanColumns() {
    }

    static void set(PreparedStatement p, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, v);
        }
    }

    static double get(ResultSet rows, String column) throws SQLException {
        double v = rows.getDouble(column);
        return rows.wasNull() ? Double.NaN : v;
    }
}
