package io.tanhe.server.security.access;

import io.tanhe.server.security.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityPolicyTest {
    @Test
    void settingsRoundTripAndChangeOnlyWhatIsNamed() {
        SecurityPolicy d = SecurityPolicy.defaults();
        assertEquals(Map.of("lockout-after", "5", "lockout-for", "15min", "password-max-age", "90d", "history", "5",
                "idle-timeout", "15min", "login-attempts-per-minute", "10"), d.toSettings());
        assertEquals(d, d.with(d.toSettings()));
        SecurityPolicy p = d.with(Map.of("lockout-after", "3", "lockout-for", "1h", "idle-timeout", "90s"));
        assertEquals(3, p.lockoutAfter());
        assertEquals(Duration.ofHours(1), p.lockoutFor());
        assertEquals(Duration.ofSeconds(90), p.idleTimeout());
        assertEquals(Duration.ofDays(90), p.passwordMaxAge());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        SecurityPolicy d = SecurityPolicy.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(Map.of("lockout", "3"))).getMessage()
                .contains("no policy setting `lockout`; the settings are lockout-after"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(Map.of("lockout-for", "soon"))).getMessage()
                .contains("lockout-for: `soon` is not a duration"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(Map.of("history", "five"))).getMessage()
                .contains("history: `five` is not a whole number"));
        assertThrows(IllegalArgumentException.class, () -> d.with(Map.of("lockout-after", "0")));
        assertThrows(IllegalArgumentException.class, () -> d.with(Map.of("idle-timeout", "0s")));
    }

    @Test
    void aSavedPolicyIsWhatTheNextStartUsesAndTheChangeIsAudited() {
        List<AuditEvent> audit = new ArrayList<>();
        var db = TestDatabase.fresh();
        AccessStore store = new AccessStore(db);
        AccessControl access = new AccessControl(store, SecurityPolicy.defaults(), new PasswordHasher(64, 1, 1),
                java.time.Clock.systemUTC(), audit::add);
        SecurityPolicy next = SecurityPolicy.defaults().with(Map.of("lockout-after", "3"));
        access.savePolicy(Actor.local(), next);
        assertEquals(next, AccessControl.storedPolicy(new AccessStore(db)));
        assertEquals("policy.change", audit.getLast().type());
        assertTrue(audit.getLast().detail().contains("lockout-after=3"), audit.getLast().detail());
    }
}
