package io.tanhe.server.store.jdbc;

import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tanhe.server.store.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(Engine.class)
class ConfigPackagesTest {
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
    void aPackageIsStoredWithItsArrivalInTheLog() {
        ConfigPackage p = store.packages().add("factors", "ox-coal", "2026.1", "{\"files\":{}}", "author alice", "admin", T0,
                "candidate", "uploaded");
        assertEquals("candidate", p.state());
        assertNull(p.effectiveFrom());
        assertEquals(64, p.sha256().length());
        assertEquals(List.of(new ActivationStep(store.packages().log().get(0).id(), p.id(), T0, "admin", "", "candidate", "uploaded")),
                store.packages().log());
    }

    @Test
    void aMoveFromTheWrongStateWritesNothing() {
        ConfigPackage p = store.packages().add("factors", "ox-coal", "2026.1", "{}", "", "admin", T0, "candidate", "uploaded");
        assertTrue(store.packages().move(p.id(), "candidate", "verified", "terminal", T0.plusSeconds(1), "signatures good"));
        assertFalse(store.packages().move(p.id(), "candidate", "verified", "terminal", T0.plusSeconds(2), "again"));
        assertEquals("verified", store.packages().get(p.id()).orElseThrow().state());
        assertEquals(List.of("candidate", "verified"), store.packages().log().stream().map(ActivationStep::to).toList());
    }

    @Test
    void reviewAndEffectiveTimeAreKept() {
        ConfigPackage p = store.packages().add("factors", "ox-coal", "2026.1", "{}", "", "admin", T0, "candidate", "uploaded");
        store.packages().saveReview(p.id(), "{\"figures\":[]}", "E: -1.0 %");
        store.packages().setEffectiveFrom(p.id(), T0.minus(Duration.ofDays(1)));
        ConfigPackage read = store.packages().get(p.id()).orElseThrow();
        assertEquals("{\"figures\":[]}", read.review());
        assertEquals("E: -1.0 %", read.reviewSummary());
        assertEquals(T0.minus(Duration.ofDays(1)), read.effectiveFrom());
        assertEquals(List.of(read), store.packages().all());
    }
}
