package io.tanhe.engine.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityTest {
    @Test
    void theWeakestWins() {
        assertEquals(Quality.ESTIMATED, Quality.MEASURED.and(Quality.ESTIMATED));
        assertEquals(Quality.MANUAL, Quality.MANUAL.and(Quality.ESTIMATED));
        assertEquals(Quality.SUBSTITUTED, Quality.SUBSTITUTED.and(Quality.MANUAL));
        assertEquals(Quality.MISSING, Quality.MEASURED.and(Quality.MISSING));
        assertEquals(Quality.MEASURED, Quality.MEASURED.and(Quality.MEASURED));
    }

    @Test
    void combiningIsCommutativeAndAssociative() {
        for (Quality a : Quality.values()) {
            for (Quality b : Quality.values()) {
                assertEquals(a.and(b), b.and(a));
                for (Quality c : Quality.values()) {
                    assertEquals(a.and(b).and(c), a.and(b.and(c)));
                }
            }
        }
    }

    @Test
    void aBackupInstrumentIsWeakerThanThePrimaryButStrongerThanAHandEntry() {
        assertTrue(Quality.ESTIMATED.isWeakerThan(Quality.MEASURED));
        assertTrue(Quality.MANUAL.isWeakerThan(Quality.ESTIMATED));
        assertTrue(Quality.SUBSTITUTED.isWeakerThan(Quality.MANUAL));
        assertFalse(Quality.MEASURED.isWeakerThan(Quality.MEASURED));
    }
}
