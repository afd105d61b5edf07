package io.tanhe.server.security.access;

import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login policy on an injectable clock, against a real (in-memory Derby) database, with the audit asserted. */
class AccessControlTest {
    private static final InetAddress HOST = address("192.0.2.10");
    /** Cheap Argon2id parameters: the policy is under test here, not the cost. */
    private static final PasswordHasher FAST = new PasswordHasher(64, 1, 1);
    private static final Actor OPERATOR = new Actor("secop", "secop", "192.0.2.1");

    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private java.util.function.Supplier<java.sql.Connection> database;
    private AccessStore store;
    private AccessControl access;

    @BeforeEach
    void open() {
        database = TestDatabase.fresh();
        store = new AccessStore(database);
        access = new AccessControl(store, SecurityPolicy.defaults(), FAST, clock, audit::add);
    }

    private static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code name} and changes its one-time password to {@code password}. */
    private void account(String name, Role role, String password) {
        String once = access.addAccount(OPERATOR, name, role);
        access.changePassword(new Actor(name, role.code(), "192.0.2.10"), name, once, password, null);
    }

    private LoginResult login(String name, String password) {
        return access.login(name, password, HOST);
    }

    private List<AuditEvent> events(String type) {
        return audit.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void theFirstStartsPasswordsHashedAtOnceEachVerifyTheirOwnAccountOnlyAndAreAuditedInOrder() {
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1); // real Argon2id, smaller: the hashes run on their threads
        access = new AccessControl(store, SecurityPolicy.defaults(), hasher, clock, audit::add);
        Map<String, String> made = access.firstStart(Actor.local());
        assertEquals(List.of("sysadmin", "secop", "auditor"), events("account.add").stream().map(AuditEvent::target).toList(),
                "audited one by one in the usual order");
        List<Account> accounts = access.accounts();
        assertEquals(3, accounts.size());
        assertEquals(3, accounts.stream().map(Account::passwordHash).distinct().count(), "each hash has its own salt");
        for (Account a : accounts) {
            assertEquals(AccessControl.FIRST_ACCOUNTS.get(a.username()), a.role());
            made.forEach((name, password) -> assertEquals(name.equals(a.username()), hasher.verify(password, a.passwordHash()),
                    name + "'s password against " + a.username() + "'s hash"));
        }
        assertInstanceOf(LoginResult.LoggedIn.class, login("auditor", made.get("auditor")));
        assertEquals(new LoginResult.Refused(401, "wrong username or password, or the account is locked"), login("nobody", "x"),
                "an unknown name is checked against the decoy");
    }

    @Test
    void passwordsHashedAheadMakeTheFirstAccountsAndAreDroppedWhenAccountsExist() {
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
        access = new AccessControl(store, SecurityPolicy.defaults(), hasher, clock, audit::add);
        AccessControl.FirstPasswords ahead = AccessControl.hashAhead(hasher);
        Map<String, String> made = access.firstStart(Actor.local(), ahead);
        assertEquals(List.of("sysadmin", "secop", "auditor"), List.copyOf(made.keySet()));
        for (Account a : access.accounts()) {
            assertTrue(hasher.verify(made.get(a.username()), a.passwordHash()), a.username() + "'s hash is of the password shown");
        }
        assertInstanceOf(LoginResult.LoggedIn.class, login("secop", made.get("secop")));
        assertEquals(Map.of(), access.firstStart(Actor.local(), AccessControl.hashAhead(hasher)),
                "with accounts there, passwords hashed ahead are dropped");
        assertEquals(3, events("account.add").size());
    }

    @Test
    void firstStartMakesTheThreeOfficersWithOneTimePasswordsOnce() {
        Map<String, String> made = access.firstStart(Actor.local());
        assertEquals(List.of("sysadmin", "secop", "auditor"), List.copyOf(made.keySet()));
        made.values().forEach(p -> assertTrue(PasswordRules.problem("x", p).isEmpty(), p));
        assertEquals(Map.of(), access.firstStart(Actor.local()), "a second start makes nothing");
        var in = assertInstanceOf(LoginResult.LoggedIn.class, login("secop", made.get("secop")));
        assertTrue(in.principal().mustChangePassword(), "a one-time password must be changed at first login");
        assertEquals(Role.SECURITY_OPERATOR, in.principal().role());
        assertEquals(3, events("account.add").size());
    }

    @Test
    void usernamesAreUniqueIgnoringCaseAndWellFormed() {
        access.addAccount(OPERATOR, "wang", Role.VIEWER);
        assertTrue(assertThrows(AccessException.class, () -> access.addAccount(OPERATOR, "wang", Role.SYSTEM_ADMINISTRATOR))
                .getMessage().contains("taken"));
        assertThrows(AccessException.class, () -> access.addAccount(OPERATOR, "Wang", Role.VIEWER));
        assertThrows(AccessException.class, () -> access.addAccount(OPERATOR, "x y", Role.VIEWER));
        assertEquals(AuditOutcome.FAILURE, events("account.add").getLast().outcome());
        assertEquals(1, access.accounts().stream().filter(a -> a.username().equals("wang")).count());
    }

    @Test
    void complexityNeedsEightCharactersThreeClassesAndNotTheUsername() {
        assertTrue(PasswordRules.problem("li", "Ab1!").orElseThrow().contains("8"));
        assertTrue(PasswordRules.problem("li", "abcdefgh1").orElseThrow().contains("three of"));
        assertTrue(PasswordRules.problem("li.wei1A", "Li.Wei1a").orElseThrow().contains("username"));
        assertTrue(PasswordRules.problem("li", "Abcdefg1").isEmpty());
        assertTrue(PasswordRules.problem("li", "abcdefg1!").isEmpty());
        String once = access.addAccount(OPERATOR, "li", Role.VIEWER);
        Actor li = new Actor("li", "viewer", "192.0.2.10");
        assertTrue(assertThrows(AccessException.class, () -> access.changePassword(li, "li", once, "password", null))
                .getMessage().contains("three of"));
        assertTrue(assertThrows(AccessException.class, () -> access.changePassword(li, "li", "Wrong-one-1", "Good-pass-1", null))
                .getMessage().contains("current password is wrong"));
        assertEquals(AuditOutcome.FAILURE, events("password.change").getLast().outcome());
    }

    @Test
    void aChangedPasswordSignsInWithoutMustChange() {
        account("zhao", Role.VIEWER, "Zhao-pass-1");
        var in = assertInstanceOf(LoginResult.LoggedIn.class, login("zhao", "Zhao-pass-1"));
        assertFalse(in.principal().mustChangePassword());
        assertEquals(AuditOutcome.SUCCESS, events("login").getLast().outcome());
        assertEquals("192.0.2.10", events("login").getLast().source());
    }

    @Test
    void fiveFailuresLockForFifteenMinutesThenTheRightPasswordWorks() {
        account("qian", Role.SYSTEM_ADMINISTRATOR, "Qian-pass-1");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, assertInstanceOf(LoginResult.Refused.class, login("qian", "nope-" + i)).status());
            clock.advance(Duration.ofSeconds(7)); // under 10 a minute from this address
        }
        assertEquals(1, events("account.lockout").size());
        assertInstanceOf(LoginResult.Refused.class, login("qian", "Qian-pass-1"), "locked: even the right password fails");
        assertTrue(events("login").getLast().detail().contains("locked"), events("login").getLast().toString());
        clock.advance(Duration.ofMinutes(14));
        assertInstanceOf(LoginResult.Refused.class, login("qian", "Qian-pass-1"), "still locked after 14 min");
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(LoginResult.LoggedIn.class, login("qian", "Qian-pass-1"), "unlocked after 15 min");
    }

    @Test
    void theLockoutIsConfigurable() {
        access = new AccessControl(store, new SecurityPolicy(2, Duration.ofMinutes(1), Duration.ofDays(90), 5,
                Duration.ofMinutes(15), 10), FAST, clock, audit::add);
        account("sun", Role.VIEWER, "Sun-pass-12");
        login("sun", "x");
        login("sun", "y");
        assertInstanceOf(LoginResult.Refused.class, login("sun", "Sun-pass-12"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(LoginResult.LoggedIn.class, login("sun", "Sun-pass-12"));
    }

    @Test
    void unknownUsernamesAreRecordedAndAnsweredLikeWrongPasswords() {
        var r = assertInstanceOf(LoginResult.Refused.class, login("nobody", "Whatever-1"));
        account("zhou", Role.VIEWER, "Zhou-pass-1");
        var w = assertInstanceOf(LoginResult.Refused.class, login("zhou", "Whatever-1"));
        assertEquals(r, w, "the answer does not tell which was wrong");
        AuditEvent unknown = events("login").stream().filter(e -> e.user().equals("nobody")).findFirst().orElseThrow();
        assertEquals(AuditOutcome.FAILURE, unknown.outcome());
        assertEquals("unknown username", unknown.detail());
    }

    @Test
    void passwordsExpireAfterNinetyDaysAndMustThenBeChanged() {
        account("wu", Role.VIEWER, "Wu-pass-123");
        clock.advance(Duration.ofDays(89));
        assertFalse(assertInstanceOf(LoginResult.LoggedIn.class, login("wu", "Wu-pass-123")).principal().mustChangePassword());
        clock.advance(Duration.ofDays(1));
        assertTrue(assertInstanceOf(LoginResult.LoggedIn.class, login("wu", "Wu-pass-123")).principal().mustChangePassword());
        assertTrue(events("login").getLast().detail().contains("expired"));
    }

    @Test
    void theLastFivePasswordsCannotBeReused() {
        account("zheng", Role.VIEWER, "Zheng-pw-0");
        Actor z = new Actor("zheng", "viewer", "192.0.2.10");
        String current = "Zheng-pw-0";
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            access.changePassword(z, "zheng", current, "Zheng-pw-" + i, null);
            current = "Zheng-pw-" + i;
        }
        String now = current;
        for (int i = 0; i <= 4; i++) {
            String old = "Zheng-pw-" + i;
            assertTrue(assertThrows(AccessException.class, () -> access.changePassword(z, "zheng", now, old, null))
                    .getMessage().contains("last 5"), old);
        }
        clock.advance(Duration.ofMinutes(1));
        access.changePassword(z, "zheng", now, "Zheng-pw-5", null);
        clock.advance(Duration.ofMinutes(1));
        access.changePassword(z, "zheng", "Zheng-pw-5", "Zheng-pw-0", null); // six changes ago: allowed again
        assertInstanceOf(LoginResult.LoggedIn.class, login("zheng", "Zheng-pw-0"));
    }

    @Test
    void aResetForcesAChangeAtTheNextLoginAndEndsSessions() {
        account("feng", Role.VIEWER, "Feng-pass-1");
        var in = assertInstanceOf(LoginResult.LoggedIn.class, login("feng", "Feng-pass-1"));
        String once = access.resetPassword(OPERATOR, "feng");
        assertTrue(access.session(in.session()).isEmpty(), "the reset ended the session");
        assertInstanceOf(LoginResult.Refused.class, login("feng", "Feng-pass-1"));
        var again = assertInstanceOf(LoginResult.LoggedIn.class, login("feng", once));
        assertTrue(again.principal().mustChangePassword());
        access.changePassword(Actor.of(again.principal(), "192.0.2.10"), "feng", once, "Feng-pass-2", again.session());
        assertFalse(access.session(again.session()).orElseThrow().mustChangePassword(), "the changing session lives on");
    }

    @Test
    void sessionsIdleOutAfterFifteenMinutesAndEndAtLogout() {
        account("chen", Role.VIEWER, "Chen-pass-1");
        String s = assertInstanceOf(LoginResult.LoggedIn.class, login("chen", "Chen-pass-1")).session();
        clock.advance(Duration.ofMinutes(14));
        assertTrue(access.session(s).isPresent(), "used within 15 min");
        clock.advance(Duration.ofMinutes(14));
        assertTrue(access.session(s).isPresent(), "each use restarts the idle timeout");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(access.session(s).isEmpty(), "idle 15 min: gone");
        String t = assertInstanceOf(LoginResult.LoggedIn.class, login("chen", "Chen-pass-1")).session();
        access.logout(t, "192.0.2.10");
        assertTrue(access.session(t).isEmpty());
        assertEquals("chen", events("logout").getLast().user());
    }

    @Test
    void lockedAccountsCannotSignInUntilUnlocked() {
        account("han", Role.VIEWER, "Han-pass-12");
        access.lock(OPERATOR, "han");
        assertInstanceOf(LoginResult.Refused.class, login("han", "Han-pass-12"));
        access.unlock(OPERATOR, "han");
        assertInstanceOf(LoginResult.LoggedIn.class, login("han", "Han-pass-12"));
        assertEquals(List.of("account.lock", "account.unlock"), audit.stream().map(AuditEvent::type)
                .filter(t -> t.startsWith("account.lo") || t.startsWith("account.un")).toList());
    }

    @Test
    void loginAttemptsAreLimitedPerSourceAddress() {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, assertInstanceOf(LoginResult.Refused.class, login("nobody", "x")).status());
        }
        assertEquals(429, assertInstanceOf(LoginResult.Refused.class, login("nobody", "x")).status());
        assertEquals(AuditOutcome.DENIED, events("login").getLast().outcome());
        assertEquals(401, assertInstanceOf(LoginResult.Refused.class, access.login("nobody", "x", address("192.0.2.99"))).status(),
                "another address is not limited");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(401, assertInstanceOf(LoginResult.Refused.class, login("nobody", "x")).status(), "a minute later");
    }

    @Test
    void tokensWorkUntilRevokedAndOnlyTheirHashIsStored() throws Exception {
        String secret = access.issueToken(OPERATOR, "scraper", Role.VIEWER);
        assertEquals(Role.VIEWER, access.token(secret).orElseThrow().role());
        assertTrue(access.token(secret + "x").isEmpty());
        assertThrows(AccessException.class, () -> access.issueToken(OPERATOR, "scraper", Role.VIEWER));
        access.revokeToken(OPERATOR, "scraper");
        assertTrue(access.token(secret).isEmpty(), "revoked");
        assertTrue(access.tokens().getFirst().revokedAt().isPresent());
        String again = access.issueToken(OPERATOR, "scraper", Role.SYSTEM_ADMINISTRATOR);
        assertEquals(Role.SYSTEM_ADMINISTRATOR, access.token(again).orElseThrow().role());
        assertEquals(List.of("token.issue SUCCESS", "token.issue FAILURE", "token.revoke SUCCESS", "token.issue SUCCESS"),
                audit.stream().filter(e -> e.type().startsWith("token.")).map(e -> e.type() + " " + e.outcome()).toList());
        assertStoredNowhere(secret);
    }

    private void assertStoredNowhere(String secret) throws Exception {
        try (var c = database.get()) {
            c.setAutoCommit(true);
            var s = c.createStatement();
            var rs = s.executeQuery("SELECT TOKEN_HASH FROM TANHE_API_TOKEN");
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertFalse(rs.getString(1).contains(secret.substring(6)), "the token itself is not stored");
                assertEquals(64, rs.getString(1).length(), "an SM3 hash in hex");
            }
            assertEquals(1, rows);
        }
    }
}
