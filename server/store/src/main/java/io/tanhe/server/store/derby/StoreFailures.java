package io.tanhe.server.store.derby;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tells Derby errors that stop intake (a full disk, a failed database) from errors of one write. */
final class StoreFailures {
    /** Derby reports error severity as the error code; from session severity on, the connection is gone. */
    private static final int SESSION_SEVERITY = 40000;

    private StoreFailures() {
    }

    /** True when some error in the chain says the disk is full. */
    static boolean diskFull(SQLException e) {
        for (Throwable t : chain(e)) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk is full") || message.contains("disk full")) {
                return true;
            }
        }
        return false;
    }

    /** True when the connection or the database is no longer usable. */
    static boolean fatal(SQLException e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException s && (s.getErrorCode() >= SESSION_SEVERITY
                    || (s.getSQLState() != null && s.getSQLState().startsWith("08")))) {
                return true;
            }
        }
        return false;
    }

    private static List<Throwable> chain(SQLException e) {
        List<Throwable> all = new ArrayList<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.poll();
            if (all.contains(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                todo.add(s.getNextException());
            }
        }
        return all;
    }
}
