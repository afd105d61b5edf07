package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoreException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every table of one store into another of any engine, row by row (years of readings need no more
 * memory than a chunk), then verifies each table's row count and checksum on both sides. Resumable: each
 * table continues after the greatest key already in the target, and rows are inserted skipping those
 * already there, so an interrupted copy run again finishes the job and stores nothing twice.
 *
 * <p>The checksum of a table is order-independent (the sum of a SHA-256 per row over its values in a
 * canonical text: instants as ISO-8601 UTC, numbers as Java prints them), so engines that sort text
 * differently agree on it.
 */
public final class TableCopy {
    private static final int CHUNK_ROWS = 5000;

    /** What a column holds, which decides how it is read, written and summed. */
    private enum Kind { TEXT, INSTANT, DOUBLE, LONG, DATE }

    private record Column(String name, Kind kind) {
    }

    /**
     * One table: its columns, and the column copying resumes on (rows with a greater or equal value than the
     * target's greatest are copied again, skipping those there).
     */
    private record Table(String name, String resumeColumn, boolean identity, List<Column> columns) {
        String columnList() {
            return String.join(", ", columns.stream().map(Column::name).toList());
        }
    }

    private static final String RESULT = "node_id result_key grain bucket_start:I bucket_end:I amount:F unit quality"
            + " completeness:F methodology_id methodology_version methodology_hash revision:L revised_at:I reason";

    private static final List<Table> TABLES = List.of(
            new Table("config_version", "version_no", false, cols("version_no:L content sha256 author saved_at:I note")),
            new Table("raw_reading", "measured_at", false, cols("measured_at:I point_id source_id reading_key value_text unit"
                    + " quality detail received_at:I")),
            new Table("result", "id", true, cols("id:L " + RESULT)),
            new Table("result_revision", "id", true, cols("id:L " + RESULT)),
            new Table("alert", "id", true, cols("id:L dedup_key rule_id severity raised_severity state raised_at:I acked_at:I"
                    + " acked_by acked_comment escalated_at:I cleared_at:I message facts_json")),
            new Table("event", "id", true, cols("id:L occurred_at:I kind subject message details_json")),
            new Table("outbox", "id", true, cols("id:L centre_id indicator_key period_start:I period_end:I payload status"
                    + " attempts:L next_attempt_at:I acked_at:I last_error enqueued_at:I idem_key")),
            new Table("recompute_request", "id", true, cols("id:L day_local:D point_id readings:L first_received_at:I"
                    + " requested_at:I done_at:I")),
            new Table("qa_record", "id", true, cols("id:L kind point_id period_start:I period_end:I reference_value:F"
                    + " measured_value:F span_range:F result_value:F limit_value:F passed:L source note recorded_at:I")),
            new Table("verification_finding", "id", true, cols("id:L dedup_key check_id clause template_check:L subject grain"
                    + " period_start:I period_end:I measured_value:F unit bound message rule_name found_at:I")),

            new Table("config_package", "id", true, cols("id:L kind package_name package_version content sha256 signatures"
                    + " uploaded_by uploaded_at:I state effective_from:I review review_summary")),
            new Table("config_activation_log", "id", true, cols("id:L package_ref:L at_time:I actor from_state to_state detail")));

    /** Where the copy reports how far it is. */
    @FunctionalInterface
    public interface Progress {
        Progress QUIET = (table, rows) -> { };

        /** {@code rows} of {@code table} are in the target now. */
        void copied(String table, long rows);
    }

    /** A table's row count and checksum. */
    public record TableSum(long rows, String checksum) {
    }

    /**
     * The outcome of a copy: per table, the source's and the target's count and checksum.
     *
     * @param source per table, in copy order
     * @param target per table, in copy order
     */
    public record Report(Map<String, TableSum> source, Map<String, TableSum> target) {
        public boolean identical() {
            return source.equals(target);
        }
    }

    private TableCopy() {
    }

    private static List<Column> cols(String spec) {
        List<Column> list = new ArrayList<>();
        for (String c : spec.trim().split("\\s+")) {
            String[] parts = c.split(":");
            Kind kind = parts.length == 1 ? Kind.TEXT : switch (parts[1]) {
                case "I" -> Kind.INSTANT;
                case "L" -> Kind.LONG;
                case "F" -> Kind.DOUBLE;
                case "D" -> Kind.DATE;
                default -> throw new IllegalArgumentException(c);
            };
            list.add(new Column(parts[0], kind));
        }
        return List.copyOf(list);
    }

    /**
     * Copies the store {@code from} into the store {@code to} (created when absent; both brought to this
     * code's schema) and verifies it. Neither store may be open elsewhere.
     *
     * @throws StoreException when a database cannot be opened, the target is Derby (it cannot take given ids),
     *                        or the copy does not verify
     */
    public static Report migrate(StoreSettings from, StoreSettings to, Progress progress) {
        if (to.engine() == Engine.DERBY) {
            throw new StoreException("cannot migrate into Derby: it is kept only to open existing data directories;"
                    + " migrate to sqlite or postgresql");
        }
        try (Database source = Database.open(from); Database target = Database.open(to)) {
            Migrations.bundled(source.engine()).migrate(source);
            Migrations.bundled(target.engine()).migrate(target);
            Report report = copy(source, target, progress, true);
            if (!report.identical()) {
                throw new StoreException("the copy from " + source.directory() + " to " + target.directory()
                        + " does not verify: source " + report.source() + ", target " + report.target());
            }
            return report;
        }
    }

    /** The row count and checksum of every table of the store the settings name. */
    public static Map<String, TableSum> checksums(StoreSettings settings) {
        try (Database db = Database.open(settings)) {
            Migrations.bundled(db.engine()).migrate(db);
            return sums(db);
        }
    }

    /** Copies every table of {@code source} into {@code target} (both at this code's schema); closes {@code target} when told. */
    static Report copy(Database source, Database target, Progress progress, boolean closeTarget) {
        try {
            Migrations.bundled(target.engine()).migrate(target);
            for (Table table : TABLES) {
                copyTable(source, target, table, progress);
            }
            return new Report(sums(source), sums(target));
        } finally {
            if (closeTarget) {
                target.close();
            }
        }
    }

    /** Deletes every row of the store's tables in one transaction (a restore replaces the store). */
    static void clear(Database db) {
        db.inTransaction("emptying the store before a restore", c -> {
            try (Statement s = c.createStatement()) {
                for (Table table : TABLES) {
                    s.executeUpdate("DELETE FROM " + table.name());
                }
            }
            return null;
        });
    }

    private static void copyTable(Database source, Database target, Table table, Progress progress) {
        Object resumeFrom = target.read("finding where to resume " + table.name(), c -> greatest(target, c, table));
        String where = resumeFrom == null ? "" : " WHERE " + table.resumeColumn() + (table.identity() ? " > ?" : " >= ?");
        String select = "SELECT " + table.columnList() + " FROM " + table.name() + where;
        String values = "?, ".repeat(table.columns().size() - 1) + "?";
        String insert = target.dialect().insertSkippingDuplicates(table.name(), table.columnList(), values);
        if (table.identity()) {
            insert = insert.replace(") VALUES (", ")" + target.dialect().overridingIdentity() + " VALUES (");
        }
        String insertSql = insert;
        source.read("copying " + table.name(), in -> {
            Connection out = target.connect();
            try (PreparedStatement p = in.prepareStatement(select)) {
                p.setFetchSize(1000);
                if (resumeFrom != null) {
                    bind(source, p, 1, table.columns().stream().filter(col -> col.name().equals(table.resumeColumn()))
                            .findFirst().orElseThrow().kind(), resumeFrom);
                }
                long done = 0;
                target.begin(out, true);
                PreparedStatement w = out.prepareStatement(insertSql);
                try (ResultSet rows = p.executeQuery()) {
                    while (rows.next()) {
                        for (int i = 0; i < table.columns().size(); i++) {
                            Column col = table.columns().get(i);
                            bind(target, w, i + 1, col.kind(), value(source, rows, col));
                        }
                        w.addBatch();
                        if (++done % CHUNK_ROWS == 0) {
                            w.executeBatch();
                            target.commit(out);
                            progress.copied(table.name(), done);
                            target.begin(out, true);
                        }
                    }
                }
                w.executeBatch();
                w.close();
                if (table.identity()) {
                    target.dialect().identityCopied(out, table.name());
                }
                target.commit(out);
                progress.copied(table.name(), done);
                return done;
            } catch (SQLException | RuntimeException e) {
                target.rollbackQuietly(out);
                throw e;
            } finally {
                Database.closeQuietly(out);
            }
        });
    }

    private static Object greatest(Database db, Connection c, Table table) throws SQLException {
        Column col = table.columns().stream().filter(x -> x.name().equals(table.resumeColumn())).findFirst().orElseThrow();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT MAX(" + col.name() + ") AS " + col.name() + " FROM " + table.name())) {
            rows.next();
            return value(db, rows, col);
        }
    }

    private static Object value(Database db, ResultSet rows, Column col) throws SQLException {
        return switch (col.kind()) {
            case TEXT -> rows.getString(col.name());
            case INSTANT -> db.times().get(rows, col.name());
            case DOUBLE -> {
                double d = rows.getDouble(col.name());
                yield rows.wasNull() ? null : d;
            }
            case LONG -> {
                long l = rows.getLong(col.name());
                yield rows.wasNull() ? null : l;
            }
            case DATE -> {
                Date d = rows.getDate(col.name());
                yield d == null ? null : d.toLocalDate();
            }
        };
    }

    private static void bind(Database db, PreparedStatement p, int index, Kind kind, Object value) throws SQLException {
        switch (kind) {
            case TEXT -> p.setString(index, (String) value);
            case INSTANT -> db.times().set(p, index, (Instant) value);
            case DOUBLE -> {
                if (value == null) {
                    p.setNull(index, Types.DOUBLE);
                } else {
                    p.setDouble(index, (Double) value);
                }
            }
            case LONG -> {
                if (value == null) {
                    p.setNull(index, Types.BIGINT);
                } else {
                    p.setLong(index, (Long) value);
                }
            }
            case DATE -> p.setDate(index, value == null ? null : Date.valueOf((java.time.LocalDate) value));
        }
    }

    private static Map<String, TableSum> sums(Database db) {
        Map<String, TableSum> all = new LinkedHashMap<>();
        for (Table table : TABLES) {
            all.put(table.name(), db.read("summing " + table.name(), c -> sum(db, c, table)));
        }
        return all;
    }

    private static TableSum sum(Database db, Connection c, Table table) throws SQLException {
        long rows = 0;
        long high = 0;
        long low = 0;
        MessageDigest sha = sha256();
        try (PreparedStatement p = c.prepareStatement("SELECT " + table.columnList() + " FROM " + table.name())) {
            p.setFetchSize(1000);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    StringBuilder text = new StringBuilder();
                    for (Column col : table.columns()) {
                        Object v = value(db, r, col);
                        String s = v == null ? "\u0000" : v.toString();
                        text.append(s.length()).append(':').append(s).append('|');
                    }
                    ByteBuffer digest = ByteBuffer.wrap(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
                    high += digest.getLong();
                    low += digest.getLong();
                    rows++;
                }
            }
        }
        return new TableSum(rows, HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
