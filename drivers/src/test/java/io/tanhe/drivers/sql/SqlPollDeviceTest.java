package io.tanhe.drivers.sql;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real embedded Derby database in a temporary directory. */
@Timeout(60)
class SqlPollDeviceTest {
    private static final Instant POLL = Instant.parse("2024-03-01T00:00:00Z");
    private static final ZoneId SITE = ZoneOffset.ofHours(8);
    private static final SqlColumns COLUMNS = new SqlColumns("TAG", "TS", "VAL", "UNIT");
    private static final String QUERY = "SELECT id, tag, ts, val, unit FROM mes_readings WHERE id > ? ORDER BY id";

    @TempDir
    static Path derbyHome;
    private static String url;
    private static int table;

    @TempDir
    Path dir;
    private String tableName;

    @BeforeAll
    static void startDerby() {
        System.setProperty("derby.system.home", derbyHome.toString());
        url = "jdbc:derby:" + derbyHome.resolve("mes") + ";create=true";
    }

    @AfterAll
    static void stopDerby() {
        try {
            DriverManager.getConnection("jdbc:derby:" + derbyHome.resolve("mes") + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a clean shutdown of one database as SQLState 08006
        }
    }

    @BeforeEach
    void createTable() throws SQLException {
        tableName = "mes_readings_" + (++table);
        createTable(tableName);
    }

    private static void createTable(String name) throws SQLException {
        sql("CREATE TABLE " + name + " (id INT GENERATED ALWAYS AS IDENTITY, tag VARCHAR(40), ts TIMESTAMP,"
                + " val DECIMAL(14,4), unit VARCHAR(10), dval DOUBLE)");
    }

    @Test
    void onlyRowsAboveTheWatermarkAreRead() throws SQLException {
        insert("coal.burned", "2024-03-01 08:00:00", "12.5000", "t");
        insert("gas.burned", "2024-03-01 08:00:00", "1000.0100", "Nm3");
        try (SqlPollDevice device = device(null, 100)) {
            List<Reading> first = device.poll(POLL);
            assertEquals(2, first.size());
            Reading coal = first.get(0);
            assertEquals("coal.burned", coal.pointId());
            assertEquals("12.5000", coal.value().toPlainString());
            assertEquals("t", coal.unit());
            assertEquals(Instant.parse("2024-03-01T00:00:00Z"), coal.measuredAt());
            assertEquals(Quality.MEASURED, coal.quality());

            assertEquals(List.of(), device.poll(POLL));

            insert("coal.burned", "2024-03-01 09:00:00", "13", "t");
            List<Reading> third = device.poll(POLL);
            assertEquals(1, third.size());
            assertEquals(new BigDecimal("13.0000"), third.get(0).value());
        }
    }

    @Test
    void watermarkSurvivesARestartThroughTheStateFile() throws SQLException {
        Path state = dir.resolve("state/mes.watermark");
        insert("coal.burned", "2024-03-01 08:00:00", "1", "t");
        insert("coal.burned", "2024-03-01 08:01:00", "2", "t");
        try (SqlPollDevice device = device(state, 100)) {
            assertEquals(2, device.poll(POLL).size());
        }
        insert("coal.burned", "2024-03-01 08:02:00", "3", "t");

        try (SqlPollDevice restarted = device(state, 100)) {
            List<Reading> readings = restarted.poll(POLL);
            assertEquals(1, readings.size());
            assertEquals(new BigDecimal("3.0000"), readings.get(0).value());
        }
    }

    @Test
    void aCrashBeforeTheReadingsWereHandedOnReadsTheBatchAgain() throws SQLException {
        Path state = dir.resolve("mes.watermark");
        insert("coal.burned", "2024-03-01 08:00:00", "1", "t");
        SqlPollDevice crashed = device(state, 100);
        assertEquals(1, crashed.poll(POLL).size());
        // no next poll and no close: the process died with the batch in hand

        try (SqlPollDevice restarted = device(state, 100)) {
            assertEquals(1, restarted.poll(POLL).size(), "the batch is read again, not lost");
            assertEquals(0, restarted.poll(POLL).size());
        }
    }

    @Test
    void maxRowsLeavesTheRestForTheNextPoll() throws SQLException {
        for (int i = 0; i < 5; i++) {
            insert("coal.burned", "2024-03-01 08:0" + i + ":00", Integer.toString(i), "t");
        }
        try (SqlPollDevice device = device(null, 2)) {
            assertEquals(2, device.poll(POLL).size());
            assertEquals(2, device.poll(POLL).size());
            assertEquals(1, device.poll(POLL).size());
            assertEquals(0, device.poll(POLL).size());
        }
    }

    @Test
    void timestampWatermarkAndConfiguredUnitsAndDoubleColumns() throws SQLException {
        sql("INSERT INTO " + tableName + " (tag, ts, dval) VALUES ('coal.burned', TIMESTAMP('2024-03-01 08:00:00'), 0.1)");
        sql("INSERT INTO " + tableName + " (tag, ts, dval) VALUES ('coal.burned', TIMESTAMP('2024-03-01 08:15:00'), 2.675)");
        SqlPollConfig config = new SqlPollConfig("mes", url, null, null,
                "SELECT tag, ts, dval FROM " + tableName + " WHERE ts > ? ORDER BY ts",
                new SqlColumns("TAG", "TS", "DVAL", null), "TS", Watermark.Kind.TIMESTAMP,
                Watermark.Kind.TIMESTAMP.parse("2024-03-01T00:00:00Z"), null, SITE, Duration.ofSeconds(5), 100,
                Map.of("coal.burned", "t"));
        try (SqlPollDevice device = new SqlPollDevice(config)) {
            List<Reading> readings = device.poll(POLL);
            assertEquals(1, readings.size(), "08:00 +08:00 is not after the initial watermark 00:00Z: " + readings);
            assertEquals("2.675", readings.get(0).value().toPlainString());
            assertEquals("t", readings.get(0).unit());
            assertEquals(new Watermark.Time(Instant.parse("2024-03-01T00:15:00Z")), device.watermark());
        }
    }

    @Test
    void rowsOfUnconfiguredPointsAreSkippedAndNullValuesFlagged() throws SQLException {
        insert("unknown.tag", "2024-03-01 08:00:00", "1", "t");
        sql("INSERT INTO " + tableName + " (tag, ts, unit) VALUES ('coal.burned', TIMESTAMP('2024-03-01 08:00:00'), 't')");
        try (SqlPollDevice device = device(null, 100)) {
            List<Reading> readings = device.poll(POLL);
            assertEquals(1, readings.size());
            assertEquals(Quality.COMM_ERROR, readings.get(0).quality());
            assertEquals("row has no value in column VAL", readings.get(0).detail());
        }
    }

    @Test
    void aFailingQueryFlagsEveryPointAndRecoversLater() throws SQLException {
        sql("DROP TABLE " + tableName);
        try (SqlPollDevice device = device(null, 100)) {
            List<Reading> failed = device.poll(POLL);
            assertEquals(List.of("coal.burned", "gas.burned"), failed.stream().map(Reading::pointId).toList());
            assertEquals(Quality.COMM_ERROR, failed.get(0).quality());
            assertTrue(failed.get(0).detail().contains("SQLState 42X05"), failed.get(0).detail());

            createTable(tableName);
            insert("coal.burned", "2024-03-01 08:00:00", "5", "t");
            assertEquals(Quality.MEASURED, device.poll(POLL).get(0).quality());
        }
    }

    @Test
    void aCorruptStateFileIsReportedNotIgnored() throws Exception {
        Path state = dir.resolve("mes.watermark");
        Files.writeString(state, "yesterday");
        insert("coal.burned", "2024-03-01 08:00:00", "1", "t");
        try (SqlPollDevice device = device(state, 100)) {
            Reading r = device.poll(POLL).get(0);
            assertEquals(Quality.COMM_ERROR, r.quality());
            assertTrue(r.detail().contains(state.toString()) && r.detail().contains("`yesterday` is not a number"), r.detail());
        }
    }

    private SqlPollDevice device(Path state, int maxRows) {
        Map<String, String> points = new LinkedHashMap<>();
        points.put("coal.burned", "t");
        points.put("gas.burned", "Nm3");
        return new SqlPollDevice(new SqlPollConfig("mes", url, null, null, QUERY.replace("mes_readings", tableName),
                COLUMNS, "ID", Watermark.Kind.NUMBER, null, state, SITE, Duration.ofSeconds(5), maxRows, points));
    }

    private void insert(String tag, String localTime, String value, String unit) throws SQLException {
        sql("INSERT INTO " + tableName + " (tag, ts, val, unit) VALUES ('" + tag + "', TIMESTAMP('" + localTime + "'), "
                + value + ", '" + unit + "')");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
