package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.WriteOutcome;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.tanhe.server.store.Samples.T0;
import static io.tanhe.server.store.Samples.reading;

/**
 * The process {@link CrashSafetyTest} kills: writes readings from four threads as fast as the store
 * acknowledges them and prints {@code ack <seq> <idempotency key>} for each, after the acknowledgement.
 * Each line group is one write(2) to the pipe (atomic below 4 KiB), so a kill never leaves half a line.
 * It starts 200 sequence numbers before {@code startSeq}, so it rewrites readings already acknowledged.
 *
 * <p>Arguments: store directory, first sequence number, engine, the PostgreSQL url (empty for the others).
 */
public final class CrashWriter {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        AtomicLong seq = new AtomicLong(Math.max(0, Long.parseLong(args[1]) - 200));
        Engine engine = Engine.of(args[2]);
        StoreSettings base = StoreSettings.at(dir).withMinFreeBytes(0);
        JdbcStore store = JdbcStore.open(engine == Engine.POSTGRESQL
                ? base.withServer(new ServerLogin(args[3], "postgres", "postgres", "disable")) : base.withEngine(engine));
        print("ready\n");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    List<StoredReading> batch = new ArrayList<>();
                    List<Long> numbers = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        long n = seq.getAndIncrement();
                        numbers.add(n);
                        batch.add(reading("p" + n % 7, T0.plusMillis(n * 10), Long.toString(n)));
                    }
                    List<WriteOutcome> outcomes = store.readings().writeAll(batch).join();
                    StringBuilder acks = new StringBuilder();
                    for (int i = 0; i < batch.size(); i++) {
                        acks.append("ack ").append(numbers.get(i)).append(' ').append(batch.get(i).idempotencyKey())
                                .append(' ').append(outcomes.get(i)).append('\n');
                    }
                    print(acks.toString());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static synchronized void print(String lines) {
        try {
            OUT.write(lines.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
