package io.tanhe.server.store.jdbc;

import io.tanhe.engine.rules.verification.VerificationFinding;
import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.StoredFinding;
import io.tanhe.server.store.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verification findings are stored once per check, subject and period, updated when found again with another value. */
@ParameterizedClass
@EnumSource(Engine.class)
class FindingStoreTest {
    private static final Instant JUNE = Instant.parse("2026-05-31T16:00:00Z");
    private static final Instant JULY = Instant.parse("2026-06-30T16:00:00Z");
    private static final Instant FOUND = Instant.parse("2026-07-01T01:00:00Z");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private static VerificationFinding coal(double deviation) {
        return new VerificationFinding("VG-01.01/V8", "CETS-VG-01.01 表7", false, "coal_report_deviation[unit1]", Grain.MONTH,
                JUNE, JULY, deviation, "%", "±0.5 % (the project's tolerance)", "核查发现: coal differs by " + deviation + " %",
                "metered coal differs from the monthly report");
    }

    private static VerificationFinding ncv(Instant at) {
        return new VerificationFinding("VG-01.01/V10", "CETS-VG-01.01 表12 (template)", true, "gas_ncv_measured[natural_gas]", null,
                at, at, 280, "GJ/10^4 Nm3", "285.0-398.3 GJ/10^4 Nm3", "核查发现（模板）: NCV 280", "natural gas NCV");
    }

    @Test
    void aFindingIsStoredWithEveryFieldAndOnceOnly() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            StoredFinding first = store.findings().record(coal(2), FOUND);
            StoredFinding again = store.findings().record(coal(2), FOUND.plusSeconds(60));
            assertEquals(first, again, "the same finding again is the same row, its time kept");
            List<StoredFinding> all = store.findings().between(TimeRange.of(JUNE, JULY), Optional.empty(), 100);
            assertEquals(List.of(first), all);
            VerificationFinding f = all.getFirst().finding();
            assertEquals(coal(2), f);
            assertFalse(f.template());
        }
    }

    @Test
    void aFindingFoundAgainWithAnotherValueUpdatesItsRow() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            long id = store.findings().record(coal(2), FOUND).id();
            StoredFinding revised = store.findings().record(coal(3.5), FOUND.plusSeconds(3600));
            assertEquals(id, revised.id());
            assertEquals(3.5, revised.finding().measured());
            assertEquals(FOUND.plusSeconds(3600), revised.foundAt());
            assertEquals(1, store.findings().between(TimeRange.of(JUNE, JULY), Optional.empty(), 100).size());
        }
    }

    @Test
    void findingsAreListedByPeriodAndSubject() {
        try (JdbcStore store = TestStores.open(engine, dir)) {
            store.findings().record(coal(2), FOUND);
            Instant lab = JUNE.plusSeconds(86_400 * 3);
            store.findings().record(ncv(lab), FOUND);
            store.findings().record(ncv(JULY.plusSeconds(60)), FOUND);
            List<StoredFinding> june = store.findings().between(TimeRange.of(JUNE, JULY), Optional.empty(), 100);
            assertEquals(2, june.size(), "the reading of July is outside June");
            assertEquals(List.of(JUNE, lab), june.stream().map(s -> s.finding().from()).toList(), "by period start");
            assertTrue(june.get(1).finding().template());
            assertEquals(List.of(JUNE, lab), store.findings().between(TimeRange.of(lab, lab.plusSeconds(1)), Optional.empty(), 100)
                    .stream().map(s -> s.finding().from()).toList(), "the month overlaps; the reading lies at the range's start");
            assertEquals(List.of(JUNE), store.findings().between(TimeRange.of(lab.plusSeconds(1), JULY), Optional.empty(), 100)
                    .stream().map(s -> s.finding().from()).toList(), "a reading before the range is not in it");
            assertEquals(List.of("gas_ncv_measured[natural_gas]"), store.findings()
                    .between(TimeRange.of(JUNE, JULY), Optional.of("gas_ncv_measured"), 100).stream()
                    .map(s -> s.finding().subject()).toList(), "a node's name selects all its keys");
            assertEquals(1, store.findings().between(TimeRange.of(JUNE, JULY), Optional.of("coal_report_deviation[unit1]"), 100).size());
            assertEquals(List.of(), store.findings().between(TimeRange.of(JUNE, JULY), Optional.of("coal"), 100),
                    "a prefix of a name is not the name");
            assertEquals(1, store.findings().between(TimeRange.of(JUNE, JULY), Optional.empty(), 1).size());
            assertThrows(IllegalArgumentException.class, () -> store.findings().between(TimeRange.of(JUNE, JULY), Optional.empty(), 0));
        }
    }
}
