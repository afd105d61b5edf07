package io.tanhe.server.store.derby;

import io.tanhe.server.store.RetentionPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Stores for tests: a directory under the test's temp dir, no background retention, no disk reserve.
 * Creating and migrating a Derby database costs about a second, so tests start from a copy of one
 * migrated (and cleanly shut down) template; {@code MigrationsTest} covers creation itself.
 */
final class TestStores {
    private static Path template;

    private TestStores() {
    }

    static DerbySettings settings(Path dir) {
        return DerbySettings.at(dir).withMinFreeBytes(0).withRetention(RetentionPolicy.standard(), Duration.ZERO, 500);
    }

    static DerbyStore open(Path dir) {
        copy(template(), dir.resolve(DerbySettings.DATABASE_NAME));
        return DerbyStore.open(settings(dir));
    }

    private static synchronized Path template() {
        if (template == null) {
            try {
                Path dir = Files.createTempDirectory("tanhe-store-template");
                DerbyStore.open(settings(dir)).close();
                template = dir.resolve(DerbySettings.DATABASE_NAME);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A leftover template in the temp directory is harmless.
        }
    }

    static void copy(Path from, Path to) {
        if (Files.exists(to)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
