package io.tanhe.engine.factors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void onlyCAndUAreUnverified() {
        assertTrue(Confidence.C.isUnverified());
        assertTrue(Confidence.U.isUnverified());
        assertFalse(Confidence.A.isUnverified());
        assertFalse(Confidence.B.isUnverified());
        assertFalse(Confidence.SITE.isUnverified());
    }
}
