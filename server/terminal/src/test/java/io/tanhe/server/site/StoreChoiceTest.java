package io.tanhe.server.site;

import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.store.Secrets;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site file's {@code store:} block. */
class StoreChoiceTest {
    private static final String POSTGRES = "store: {engine: postgresql, url: \"postgresql://db.plant:5432/tanhe\", user: tanhe,"
            + " password: \"pa55-word\", sslmode: verify-full}\n";

    @TempDir
    Path dir;

    private Site load(String storeBlock) {
        return SiteFiles.load(SiteFiles.demo(dir, t -> storeBlock + t));
    }

    private List<ConfigProblem> problems(String storeBlock) {
        return assertThrows(InvalidConfigException.class, () -> load(storeBlock).close()).problems();
    }

    @Test
    void aPostgresqlStoreIsReadWithItsLoginAndItsPasswordIsRedactedFromTheStoredText() {
        try (Site site = load(POSTGRES)) {
            assertEquals(Engine.POSTGRESQL, site.store().engine().orElseThrow());
            StoreSettings settings = site.store().settings(dir.resolve("data"));
            assertEquals("jdbc:postgresql://db.plant:5432/tanhe", settings.server().url());
            assertEquals("verify-full", settings.server().sslMode());
            assertEquals("pa55-word", settings.server().password());
            assertFalse(settings.toString().contains("pa55-word"), settings.toString());
            assertFalse(Secrets.redact(site.text()).contains("pa55-word"));
        }
    }

    @Test
    void withoutAStoreBlockANewDirectoryIsSqliteAndAnEmbeddedEngineCannotTakeAServerLogin() {
        try (Site site = SiteFiles.load(SiteFiles.demo(dir, UnaryOperator.identity()))) {
            assertEquals(Engine.SQLITE, site.store().settings(dir.resolve("new")).engine());
        }
        List<ConfigProblem> problems = problems("store: {engine: sqlite, url: \"postgresql://db/tanhe\"}\n");
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("store.url") && p.message().contains("only a postgresql store")),
                problems.toString());
        problems = problems("store: {engine: oracle}\n");
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("store.engine")), problems.toString());
    }

    @Test
    void askingForAnotherEmbeddedEngineThanTheDirectoryHoldsNamesTheMigration() {
        Path data = dir.resolve("data");
        JdbcStore.open(StoreSettings.at(data).withEngine(Engine.DERBY).withMinFreeBytes(0)).close();
        try (Site site = load("store: {engine: sqlite}\n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> site.store().settings(data));
            assertTrue(e.getMessage().contains("holds a derby store; move it with `tanhe store migrate"), e.getMessage());
        }
    }
}
