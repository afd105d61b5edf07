package io.tanhe.server.api;

import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.access.SecurityPolicy;
import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.store.Store;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Access control for API tests: accounts and tokens in the terminal's store, the audit in a list the test reads. */
final class TestSecurity {
    /** Cheap Argon2id parameters: the tests exercise the rules, not the cost. */
    static final PasswordHasher FAST = new PasswordHasher(64, 1, 1);

    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final AccessControl access;

    TestSecurity(Store store) {
        this(store, SecurityPolicy.defaults());
    }

    TestSecurity(Store store, SecurityPolicy policy) {
        access = new AccessControl(new AccessStore(store::connect), policy, FAST, Clock.systemUTC(), audit::add);
    }

    /** A fresh token of {@code role}, named after it. */
    String token(Role role) {
        return token(role.code() + "-" + Long.toHexString(System.nanoTime()), role);
    }

    String token(String name, Role role) {
        return access.issueToken(Actor.local(), name, role);
    }

    List<AuditEvent> events(String type) {
        return audit.stream().filter(e -> e.type().equals(type)).toList();
    }
}
