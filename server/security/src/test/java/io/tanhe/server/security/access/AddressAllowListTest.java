package io.tanhe.server.security.access;

import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §7.4.1.2 (3): per-role address allow-lists, kept in the database and audited. */
class AddressAllowListTest {
    @Test
    void aRoleWithAnAllowListSignsInOnlyFromIt() throws Exception {
        List<AuditEvent> audit = new ArrayList<>();
        var database = TestDatabase.fresh();
        TestClock clock = new TestClock(Instant.parse("2026-06-01T08:00:00Z"));
        PasswordHasher fast = new PasswordHasher(64, 1, 1);
        AccessControl access = new AccessControl(new AccessStore(database), SecurityPolicy.defaults(), fast, clock, audit::add);
        String once = access.addAccount(Actor.local(), "ops", Role.SYSTEM_ADMINISTRATOR);
        access.setAllowList(Actor.local(), Role.SYSTEM_ADMINISTRATOR, List.of(Cidr.parse("10.9.0.0/16")));
        assertTrue(access.addressAllowed(Role.VIEWER, InetAddress.getByName("203.0.113.5")), "no list: any address");
        assertFalse(access.addressAllowed(Role.SYSTEM_ADMINISTRATOR, InetAddress.getByName("203.0.113.5")));
        var refused = assertInstanceOf(LoginResult.Refused.class, access.login("ops", once, InetAddress.getByName("203.0.113.5")));
        assertEquals(403, refused.status());
        AuditEvent last = audit.getLast();
        assertEquals(AuditOutcome.DENIED, last.outcome());
        assertEquals("203.0.113.5", last.source());
        assertInstanceOf(LoginResult.LoggedIn.class, access.login("ops", once, InetAddress.getByName("10.9.3.4")));
        AccessControl reopened = new AccessControl(new AccessStore(database), SecurityPolicy.defaults(), fast, clock, audit::add);
        assertEquals(List.of(Cidr.parse("10.9.0.0/16")), reopened.allowLists().get(Role.SYSTEM_ADMINISTRATOR), "persisted");
        assertTrue(audit.stream().anyMatch(e -> e.type().equals("address.allow") && e.detail().equals("10.9.0.0/16")));
    }
}
