package io.tanhe.server.store.jdbc;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Helpers for the dialects' reading of errors: the whole chain of an error, and the words of a full disk. */
final class StoreFailures {
    private StoreFailures() {
    }

    /** True when some message in the chain says the disk is full. */
    static boolean messageSaysDiskFull(SQLException e) {
        for (Throwable t : chain(e)) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk is full") || message.contains("disk full")) {
                return true;
            }
        }
        return false;
    }

    /** The error, its causes and the exceptions chained to it, each once. */
    static List<Throwable> chain(SQLException e) {
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
