package io.tanhe.server.evidence;

import io.tanhe.server.store.BucketResult;
import io.tanhe.server.store.StoredReading;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A store made from a bundle in a scratch folder (SQLite), so that the terminal's own replay reads the bundle's
 * readings exactly as it reads its store: rows go in a chunk at a time, never the whole bundle in memory.
 */
final class ScratchStore {
    private static final int CHUNK = 2000;

    private ScratchStore() {
    }

    /**
     * A store in {@code dir} holding every reading and QA record of the bundle and, with {@code results}, its results with
     * their revisions; without, only the measurement method's stored hours (before and in the period), which the
     * substitution of its hours without valid data reads back.
     */
    static JdbcStore of(Bundle b, Path dir, boolean results, Set<String> measuredNodes, Consumer<String> progress) throws IOException {
        JdbcStore store = JdbcStore.open(StoreSettings.at(dir));
        try {
            List<StoredReading> chunk = new ArrayList<>(CHUNK);
            long n = 0;
            for (String entry : b.under("readings/")) {
                b.lines(entry, (o, where) -> {
                    chunk.add(Rows.reading(o, where));
                    if (chunk.size() == CHUNK) {
                        store.readings().writeAll(List.copyOf(chunk)).join();
                        chunk.clear();
                    }
                });
                n += b.listed().containsKey(entry) ? b.listed().get(entry).rows() : 0;
                if (entry.endsWith("-01.jsonl")) {
                    progress.accept("evidence: loaded readings up to " + entry.substring("readings/".length(), entry.length() - ".jsonl".length()));
                }
            }
            if (!chunk.isEmpty()) {
                store.readings().writeAll(List.copyOf(chunk)).join();
            }
            b.lines("calibration.jsonl", (o, where) -> store.qa().add(Rows.qa(o, where)));
            {
                for (String entry : results ? List.of("results-history.jsonl", "revisions.jsonl", "results.jsonl")
                        : List.of("results-history.jsonl", "results.jsonl")) {
                    List<BucketResult> rs = new ArrayList<>(CHUNK);
                    b.lines(entry, (o, where) -> {
                        if (!results && !(measuredNodes.contains(o.path("node").asText()) && o.path("grain").asText().equals("hour"))) {
                            return;
                        }
                        rs.add(Rows.result(o, where).result());
                        if (rs.size() == CHUNK) {
                            store.results().writeAll(List.copyOf(rs)).join();
                            rs.clear();
                        }
                    });
                    if (!rs.isEmpty()) {
                        store.results().writeAll(List.copyOf(rs)).join();
                    }
                }
            }
            progress.accept("evidence: " + n + " readings loaded into a scratch store");
            return store;
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e;
        }
    }
}
