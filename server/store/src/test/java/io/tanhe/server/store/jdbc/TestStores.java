package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.RetentionPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stores for tests: a directory under the test's temp dir, no background retention, no disk reserve.
 * Creating and migrating a Derby database costs about a second, so embedded tests start from a copy of one
 * migrated (and cleanly closed) template per engine; {@code MigrationsTest} covers creation itself. A
 * PostgreSQL store is a new database on the test server ({@link TestPostgres}).
 */
final class TestStores {
    private static final Map<Engine, Path> TEMPLATES = new EnumMap<>(Engine.class);
    private static final Map<Path, ServerLogin> POSTGRES_DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    private TestStores() {
    }

    /** Settings for a SQLite store (the default engine) in {@code dir}. */
    static StoreSettings settings(Path dir) {
        return settings(Engine.SQLITE, dir);
    }

    /** Settings for a store on {@code engine}; for PostgreSQL a database of its own per directory. */
    static StoreSettings settings(Engine engine, Path dir) {
        StoreSettings base = StoreSettings.at(dir).withMinFreeBytes(0).withRetention(RetentionPolicy.standard(), Duration.ZERO, 500);
        return engine == Engine.POSTGRESQL
                ? base.withServer(POSTGRES_DATABASES.computeIfAbsent(base.directory(), d -> TestPostgres.newDatabase()))
                : base.withEngine(engine);
    }

    static JdbcStore open(Path dir) {
        return open(Engine.SQLITE, dir);
    }

    static JdbcStore open(Engine engine, Path dir) {
        return JdbcStore.open(prepared(engine, dir));
    }

    /** Settings whose store exists and is migrated (embedded: copied from the template). */
    static StoreSettings prepared(Engine engine, Path dir) {
        StoreSettings settings = settings(engine, dir);
        if (engine != Engine.POSTGRESQL) {
            copy(template(engine), settings.databaseDirectory());
        }
        return settings;
    }

    private static synchronized Path template(Engine engine) {
        return TEMPLATES.computeIfAbsent(engine, e -> {
            try {
                Path dir = Files.createTempDirectory("tanhe-store-template");
                StoreSettings s = settings(e, dir);
                JdbcStore.open(s).close();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(dir)));
                return s.databaseDirectory();
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        });
    }

    static void copy(Path from, Path to) {
        if (Files.exists(to)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            Files.createDirectories(to.getParent());
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
