package io.tanhe.server.store.jdbc;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tanhe.server.store.Samples.POWER;
import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.minute;
import static io.tanhe.server.store.Samples.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ParameterizedClass
@EnumSource(Engine.class)
class ResultStoreTest {
    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    JdbcStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(engine, dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewBucketIsRevisionOneAndComesBackExactly() {
        BucketResult r = minute("combustion", "coal", T0, 1.2345678901234567);
        assertEquals(WriteOutcome.STORED, store.results().write(r).join());
        assertEquals(List.of(new StoredResult(r, 1)),
                store.results().current("combustion", "coal", Grain.MINUTE, TimeRange.of(T0, T0.plusSeconds(60))));
    }

    @Test
    void scanRevisionsStreamsOnlyTheEarlierValuesOfTheRangeByBucketAndRevision() {
        store.results().write(minute("E", "", T0, 1.0)).join();
        store.results().write(minute("E", "", T0, 2.0)).join();
        store.results().write(minute("E", "", T0, 3.0)).join();
        store.results().write(minute("E", "", T0.plusSeconds(60), 5.0)).join();
        store.results().write(minute("E", "", T0.plusSeconds(60), 6.0)).join();
        store.results().write(minute("E", "", T0.plusSeconds(120), 7.0)).join();
        List<StoredResult> earlier = new java.util.ArrayList<>();
        long n = store.results().scanRevisions(io.tanhe.server.store.ResultFilter.of(TimeRange.of(T0, T0.plusSeconds(180))), earlier::add);
        assertEquals(3, n);
        assertEquals(List.of(1.0, 2.0, 5.0), earlier.stream().map(r -> r.result().value()).toList());
        assertEquals(List.of(1, 2, 1), earlier.stream().map(StoredResult::revision).toList());
        assertEquals(0, store.results().scanRevisions(io.tanhe.server.store.ResultFilter.of(TimeRange.of(T0.plusSeconds(120), T0.plusSeconds(180))),
                r -> { }), "a bucket with one value has no earlier one");
    }

    @Test
    void theSameFigureWrittenAgainAddsNoRevision() {
        BucketResult r = minute("E", "", T0, 3.0);
        store.results().write(r).join();
        BucketResult replay = result("E", "", Grain.MINUTE, T0, 3.0, POWER, "replayed after restart");
        assertEquals(WriteOutcome.UNCHANGED, store.results().write(replay).join());
        assertEquals(1, store.results().revisions("E", "", Grain.MINUTE, T0).size());
    }

    /** Issue 12, defect 7: a restart stored 15 revisions whose relative change was at most 8e-16. */
    @Test
    void roundingNoiseIsNotARevisionButARealChangeIs() {
        double value = 1234.5678901234567;
        store.results().write(minute("E", "", T0, value)).join();
        BucketResult noise = result("E", "", Grain.MINUTE, T0, value * (1 + 8e-16), POWER, "restart: rebuilt");
        assertEquals(WriteOutcome.UNCHANGED, store.results().write(noise).join());
        assertEquals(1, store.results().revisions("E", "", Grain.MINUTE, T0).size());
        BucketResult real = result("E", "", Grain.MINUTE, T0, value * (1 + 1e-6), POWER, "late reading");
        assertEquals(WriteOutcome.REVISED, store.results().write(real).join());
        assertEquals(2, store.results().revisions("E", "", Grain.MINUTE, T0).size());
        assertEquals(true, io.tanhe.server.store.SameFigure.values(value, value * (1 + 0.9 * io.tanhe.server.store.SameFigure.RELATIVE_TOLERANCE)));
    }

    @Test
    void aDifferentFigureBecomesCurrentAndEveryEarlierOneStaysRetrievable() {
        store.results().write(minute("E", "", T0, 3.0)).join();
        BucketResult lateNcv = result("E", "", Grain.MINUTE, T0, 3.3, POWER, "NCV for 2024-03 arrived");
        MethodologyRef v2 = new MethodologyRef("cn.power-generation", "2022.2", "ffee0011");
        BucketResult newMethod = result("E", "", Grain.MINUTE, T0, 3.4, v2, "methodology 2022.2");
        assertEquals(WriteOutcome.REVISED, store.results().write(lateNcv).join());
        assertEquals(WriteOutcome.REVISED, store.results().write(newMethod).join());

        List<StoredResult> history = store.results().revisions("E", "", Grain.MINUTE, T0);
        assertEquals(List.of(1, 2, 3), history.stream().map(StoredResult::revision).toList());
        assertEquals(List.of(3.0, 3.3, 3.4), history.stream().map(h -> h.result().value()).toList());
        assertEquals("NCV for 2024-03 arrived", history.get(1).result().reason());
        assertEquals(new StoredResult(newMethod, 3),
                store.results().current("E", "", Grain.MINUTE, TimeRange.of(T0, T0.plusSeconds(60))).get(0));
    }

    @Test
    void aRevisionInsideTheSameGroupCommitIsKeptToo() {
        List<WriteOutcome> outcomes = store.results().writeAll(List.of(minute("E", "", T0, 1.0), minute("E", "", T0, 2.0),
                minute("E", "", T0, 2.0))).join();
        assertEquals(List.of(WriteOutcome.STORED, WriteOutcome.REVISED, WriteOutcome.UNCHANGED), outcomes);
    }

    @Test
    void currentResultsOfANodeAtOneGrainInARange() {
        for (int h = 0; h < 5; h++) {
            store.results().write(result("E", "", Grain.HOUR, T0.plus(Duration.ofHours(h)), h, POWER, "live")).join();
            store.results().write(result("combustion", "coal", Grain.HOUR, T0.plus(Duration.ofHours(h)), 10 + h, POWER, "live")).join();
            store.results().write(result("combustion", "gas", Grain.HOUR, T0.plus(Duration.ofHours(h)), 20 + h, POWER, "live")).join();
        }
        store.results().write(minute("combustion", "coal", T0, 99)).join();
        TimeRange hours1to3 = TimeRange.of(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3)));
        assertEquals(List.of(11.0, 21.0, 12.0, 22.0), store.results().current("combustion", "", Grain.HOUR, hours1to3)
                .stream().map(r -> r.result().value()).toList());
        assertEquals(List.of(21.0, 22.0), store.results().current("combustion", "gas", Grain.HOUR, hours1to3)
                .stream().map(r -> r.result().value()).toList());
    }

    @Test
    void nonFiniteValuesAndReversedBucketsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minute("E", "", T0, Double.NaN));
        assertEquals(true, e.getMessage().contains("only finite values are stored"));
        assertThrows(IllegalArgumentException.class, () -> new BucketResult("E", "", Grain.MINUTE, T0, T0, 1, "t",
                io.tanhe.engine.time.Quality.MEASURED, 1, POWER, T0, ""));
    }
}
