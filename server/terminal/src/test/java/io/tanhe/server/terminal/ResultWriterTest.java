package io.tanhe.server.terminal;

import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.incremental.IncrementalEvaluator;
import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.Observation;
import io.tanhe.engine.time.Quality;
import io.tanhe.engine.units.Unit;
import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.ResultFilter;
import io.tanhe.server.store.ResultStore;
import io.tanhe.server.store.StoredResult;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.store.WriteOutcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link ResultWriter} writes of the buckets the evaluator changed: each closed figure once, and a changed one again. */
class ResultWriterTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Unit FLOW = Unit.parse("Nm3/h");
    private static final String SOURCE = """
            methodology demo.writer
              version 1
              title "t"
              source "s"
              industry "i"
            input q : Nm3/h rate
            value g : Nm3 = mean(q) * covered(q)
            total E : Nm3 = g
            """;

    private final IncrementalEvaluator evaluator = evaluator();
    private final RecordingStore store = new RecordingStore();
    private final ResultWriter writer = new ResultWriter(evaluator, store, new MethodologyRef("demo.writer", "1", "0".repeat(64)),
            null, new TerminalStats(List.of()), Clock.fixed(T0, UTC), Duration.ofMinutes(2), null);

    private static IncrementalEvaluator evaluator() {
        Compilation c = Compiler.compileText("writer.tanhe", SOURCE);
        assertTrue(c.ok(), c.diagnostics().toString());
        return new IncrementalEvaluator(c.graph().orElseThrow(), FactorLibrary.of(List.of()), UTC, Grain.MINUTE,
                List.of(Grain.HOUR, Grain.DAY));
    }

    private void feed(int second, double value) {
        evaluator.accept(new Observation(T0.plusSeconds(second), "q", "", value, FLOW, Quality.MEASURED));
    }

    /** Readings every minute from 10:00 to 10:05: minutes 10:00 to 10:02 have closed (2 min after their end). */
    private void fiveMinutes() {
        for (int m = 0; m <= 5; m++) {
            feed(m * 60, 10 + m);
        }
    }

    private List<BucketResult> flush() {
        store.written.clear();
        writer.flush(Optional.empty(), "live", false);
        return List.copyOf(store.written);
    }

    private static long ofMinute(List<BucketResult> rows, int minute) {
        return rows.stream().filter(r -> r.grain() == Grain.MINUTE && r.bucketStart().equals(T0.plusSeconds(minute * 60L))).count();
    }

    @Test
    void aClosedFigureIsWrittenOnceAndAnUnchangedOneNotAgain() {
        fiveMinutes();
        List<BucketResult> first = flush();
        assertEquals(3, first.stream().map(BucketResult::bucketStart).distinct().count(), "the closed minutes 10:00-10:02: " + first);
        assertTrue(first.stream().allMatch(r -> r.grain() == Grain.MINUTE), "the hour and the day are open: " + first);

        feed(6 * 60, 16);
        List<BucketResult> second = flush();
        assertEquals(0, ofMinute(second, 0) + ofMinute(second, 1) + ofMinute(second, 2), "written before: " + second);
        assertTrue(ofMinute(second, 3) > 0, "10:03 closed at 10:06: " + second);
    }

    @Test
    void aLateReadingWritesTheChangedFiguresOfItsBucketOnce() {
        fiveMinutes();
        flush();
        feed(30, 40); // late, inside 10:00: its mean changes
        List<BucketResult> revised = flush();
        assertTrue(ofMinute(revised, 0) > 0, "the revision of 10:00: " + revised);
        assertEquals(0, ofMinute(revised, 1), "10:01 did not change: " + revised);
        assertEquals(0, flush().size(), "nothing written twice");
    }

    @Test
    void aRevisionOfABucketWhoseWrittenFiguresWereForgottenIsWrittenOnce() {
        fiveMinutes();
        int firstRows = flush().size();
        writer.forgetBefore(T0.plusSeconds(120)); // 10:00 and 10:01 forgotten, 10:02 remembered
        feed(30, 40);
        feed(90, 40);
        List<BucketResult> revised = flush();
        assertEquals(firstRows / 3, ofMinute(revised, 0), "every figure of 10:00, as nothing is remembered of it: " + revised);
        assertEquals(firstRows / 3, ofMinute(revised, 1), revised.toString());
        assertEquals(0, flush().size(), "the revision is remembered once written");
    }

    @Test
    void theShutdownFlushWritesTheOpenBucketsButNotTheClosedOnesAgain() {
        fiveMinutes();
        flush();
        store.written.clear();
        writer.flush(Optional.empty(), "shutdown", true);
        assertEquals(0, ofMinute(store.written, 0), store.written.toString());
        assertTrue(ofMinute(store.written, 4) > 0 && store.written.stream().anyMatch(r -> r.grain() == Grain.DAY),
                "the open minutes, hour and day: " + store.written);
    }

    /** Records what is written; reads are not used by the writer. */
    private static final class RecordingStore implements ResultStore {
        final List<BucketResult> written = new ArrayList<>();

        @Override
        public CompletableFuture<WriteOutcome> write(BucketResult result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<List<WriteOutcome>> writeAll(List<BucketResult> results) {
            written.addAll(results);
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public List<StoredResult> current(String nodeId, String key, Grain grain, TimeRange range) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredResult> revisions(String nodeId, String key, Grain grain, Instant bucketStart) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long scan(ResultFilter filter, Consumer<StoredResult> sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long scanRevisions(ResultFilter filter, Consumer<StoredResult> sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            throw new UnsupportedOperationException();
        }
    }
}
