package io.tanhe.server.security.access;

import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditTrail;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Accounts, sessions, tokens and address allow-lists under the login policy, every change and every login
 * audited. The one place the rules of §7.4.1.1–2 live; the API and the command line only call it.
 */
public final class AccessControl {
    /** Usernames: lower case, 2–32 characters, starting with a letter. */
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    private static final String TOKEN_PREFIX = "tanhe_";
    /** The three officers' accounts made at first start. */
    public static final Map<String, Role> FIRST_ACCOUNTS = firstAccounts();

    private final AccessStore store;
    private final SecurityPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();
    /**
     * Verified against for unknown usernames and locked accounts, so a wrong name costs as much time as a wrong
     * password ({@link PasswordHasher#decoy}: made without hashing, so a start does not pay for it).
     */
    private final String decoyHash;
    private volatile Map<Role, List<Cidr>> allowLists;
    private final Object failureLock = new Object();

    public AccessControl(AccessStore store, SecurityPolicy policy, PasswordHasher hasher, Clock clock, AuditTrail audit) {
        this.store = store;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
        this.audit = audit;
        this.sessions = new Sessions(clock, policy.idleTimeout());
        this.throttle = new LoginThrottle(clock, policy.loginAttemptsPerMinute());
        this.decoyHash = hasher.decoy();
        this.allowLists = store.allowLists();
    }

    /** The value of a hash computed on another thread, waited for uninterruptibly; what it threw, as if computed here. */
    private static String done(CompletableFuture<String> hash) {
        try {
            return hash.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw e;
            }
        }
    }

    private static Map<String, Role> firstAccounts() {
        Map<String, Role> m = new LinkedHashMap<>();
        m.put("sysadmin", Role.SYSTEM_ADMINISTRATOR);
        m.put("secop", Role.SECURITY_OPERATOR);
        m.put("auditor", Role.SECURITY_AUDITOR);
        return java.util.Collections.unmodifiableMap(m);
    }

    public SecurityPolicy policy() {
        return policy;
    }

    // --- logging in and out

    /** Checks a name and password from {@code source} and opens a session; every outcome is audited. */
    public LoginResult login(String username, String password, InetAddress source) {
        String from = source.getHostAddress();
        String name = username == null ? "" : username.strip();
        String shown = name.isEmpty() ? "-" : name.length() > 64 ? name.substring(0, 64) + "…" : name;
        if (!throttle.allow(from)) {
            record(new Actor(shown, "-", from), "login", shown, AuditOutcome.DENIED,
                    "more than " + policy.loginAttemptsPerMinute() + " login attempts a minute from this address");
            return new LoginResult.Refused(429, "too many login attempts from " + from + "; wait a minute");
        }
        Instant now = clock.instant();
        Optional<Account> found = USERNAME.matcher(name).matches() ? store.account(name) : Optional.empty();
        if (found.isEmpty()) {
            hasher.verify(password == null ? "" : password, decoyHash);
            record(new Actor(shown, "-", from), "login", shown, AuditOutcome.FAILURE, "unknown username");
            return wrong();
        }
        Account a = found.get();
        Actor actor = new Actor(a.username(), a.role().code(), from);
        if (a.disabled() || a.lockedOut(now)) {
            hasher.verify(password == null ? "" : password, decoyHash); // as slow as a live account's answer
        }
        if (a.disabled()) {
            record(actor, "login", a.username(), AuditOutcome.FAILURE, "account locked by the security operator");
            return wrong();
        }
        if (a.lockedOut(now)) {
            record(actor, "login", a.username(), AuditOutcome.FAILURE, "account locked after failed logins until " + a.lockedUntil());
            return wrong();
        }
        if (password == null || !hasher.verify(password, a.passwordHash())) {
            int failures;
            boolean lock;
            synchronized (failureLock) { // concurrent wrong guesses each count
                Account current = store.account(a.username()).orElse(a);
                failures = current.failures() + 1;
                lock = failures >= policy.lockoutAfter();
                store.update(new Account(current.username(), current.role(), current.passwordHash(), current.passwordSetAt(),
                        current.mustChange(), current.disabled(), lock ? 0 : failures,
                        lock ? now.plus(policy.lockoutFor()) : current.lockedUntil(), current.createdAt()));
            }
            record(actor, "login", a.username(), AuditOutcome.FAILURE, "wrong password (" + failures + " in a row)");
            if (lock) {
                sessions.closeAll(a.username());
                record(actor, "account.lockout", a.username(), AuditOutcome.SUCCESS, failures + " failed logins: locked until "
                        + now.plus(policy.lockoutFor()));
            }
            return wrong();
        }
        if (!addressAllowed(a.role(), source)) {
            record(actor, "login", a.username(), AuditOutcome.DENIED, "address not in the " + a.role().code() + " allow-list");
            return new LoginResult.Refused(403, "the " + a.role().code() + " role may not sign in from " + from);
        }
        boolean expired = !now.isBefore(a.passwordSetAt().plus(policy.passwordMaxAge()));
        boolean mustChange = a.mustChange() || expired;
        if (a.failures() > 0) {
            store.update(new Account(a.username(), a.role(), a.passwordHash(), a.passwordSetAt(), a.mustChange(), a.disabled(),
                    0, Instant.EPOCH, a.createdAt()));
        }
        Principal p = new Principal(a.username(), a.role(), Principal.Kind.ACCOUNT, mustChange);
        record(actor, "login", a.username(), AuditOutcome.SUCCESS, mustChange
                ? (expired && !a.mustChange() ? "password expired: must change it" : "one-time password: must change it") : "");
        return new LoginResult.LoggedIn(p, sessions.open(p));
    }

    private static LoginResult wrong() {
        return new LoginResult.Refused(401, "wrong username or password, or the account is locked");
    }

    /** The principal of a live session (each use restarts its idle timeout). */
    public Optional<Principal> session(String id) {
        return id == null || id.isEmpty() ? Optional.empty() : sessions.use(id);
    }

    /** Ends a session; audited as a logout. */
    public void logout(String id, String source) {
        sessions.close(id).ifPresent(p -> record(Actor.of(p, source), "logout", p.name(), AuditOutcome.SUCCESS, ""));
    }

    /** The principal of a valid token given as a bearer credential. */
    public Optional<Principal> token(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return store.tokenByHash(sm3(secret)).map(t -> new Principal(t.name(), t.role(), Principal.Kind.TOKEN, false));
    }

    /** Whether {@code role} may act from {@code address}: yes when its allow-list is empty or holds the address. */
    public boolean addressAllowed(Role role, InetAddress address) {
        List<Cidr> list = allowLists.getOrDefault(role, List.of());
        return list.isEmpty() || list.stream().anyMatch(c -> c.contains(address));
    }

    // --- passwords

    /**
     * Changes {@code username}'s password after checking the current one, the complexity rules and the
     * history; ends the account's other sessions and, when {@code session} is given, lifts its must-change.
     */
    public void changePassword(Actor actor, String username, String current, String next, String session) {
        Account a = store.account(username).orElseThrow(() -> fail(actor, "password.change", username, "no account `" + username + "`"));
        if (current == null || !hasher.verify(current, a.passwordHash())) {
            throw fail(actor, "password.change", username, "the current password is wrong");
        }
        Instant now = clock.instant();
        String hash = newPasswordHash(actor, a, next);
        store.update(new Account(a.username(), a.role(), hash, now, false, a.disabled(), 0, Instant.EPOCH, a.createdAt()));
        store.remember(a.username(), now, hash, policy.history());
        sessions.closeAllBut(a.username(), session);
        if (session != null) {
            sessions.replace(session, new Principal(a.username(), a.role(), Principal.Kind.ACCOUNT, false));
        }
        record(actor, "password.change", a.username(), AuditOutcome.SUCCESS, "");
    }

    private String newPasswordHash(Actor actor, Account a, String next) {
        Optional<String> problem = PasswordRules.problem(a.username(), next);
        if (problem.isPresent()) {
            throw fail(actor, "password.change", a.username(), problem.get());
        }
        List<String> previous = store.history(a.username());
        for (String old : previous.subList(0, Math.min(previous.size(), policy.history()))) {
            if (hasher.verify(next, old)) {
                throw fail(actor, "password.change", a.username(), "the new password is one of the last " + policy.history()
                        + "; choose another");
            }
        }
        return hasher.hash(next);
    }

    // --- accounts (security operator, or the command line on the machine)

    /** Adds an account with a one-time password, which is returned (shown once, changed at first login). */
    public String addAccount(Actor actor, String username, Role role) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw fail(actor, "account.add", name.isEmpty() ? "-" : name, "`" + name + "` is not a username: 2–32 characters,"
                    + " lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        String password = PasswordRules.oneTime();
        return add(actor, name, role, password, hasher.hash(password));
    }

    /** Stores a new account {@code name} with the one-time {@code password} hashed as {@code hash}; audited. */
    private String add(Actor actor, String name, Role role, String password, String hash) {
        Instant now = clock.instant();
        if (!store.insert(new Account(name, role, hash, now, true, false, 0, Instant.EPOCH, now))) {
            throw fail(actor, "account.add", name, "the username `" + name + "` is taken");
        }
        store.remember(name, now, hash, policy.history());
        record(actor, "account.add", name, AuditOutcome.SUCCESS, "role " + role.code());
        return password;
    }

    /** Gives an account a new one-time password (returned), to be changed at its next login; unlocks it from failures. */
    public String resetPassword(Actor actor, String username) {
        Account a = existing(actor, "account.reset", username);
        String password = PasswordRules.oneTime();
        Instant now = clock.instant();
        String hash = hasher.hash(password);
        store.update(new Account(a.username(), a.role(), hash, now, true, a.disabled(), 0, Instant.EPOCH, a.createdAt()));
        store.remember(a.username(), now, hash, policy.history());
        sessions.closeAll(a.username());
        record(actor, "account.reset", a.username(), AuditOutcome.SUCCESS, "one-time password issued");
        return password;
    }

    /** Locks an account until unlocked, ending its sessions. */
    public void lock(Actor actor, String username) {
        Account a = existing(actor, "account.lock", username);
        store.update(new Account(a.username(), a.role(), a.passwordHash(), a.passwordSetAt(), a.mustChange(), true,
                a.failures(), a.lockedUntil(), a.createdAt()));
        sessions.closeAll(a.username());
        record(actor, "account.lock", a.username(), AuditOutcome.SUCCESS, "");
    }

    /** Unlocks an account, whether locked by the operator or by failed logins. */
    public void unlock(Actor actor, String username) {
        Account a = existing(actor, "account.unlock", username);
        store.update(new Account(a.username(), a.role(), a.passwordHash(), a.passwordSetAt(), a.mustChange(), false,
                0, Instant.EPOCH, a.createdAt()));
        record(actor, "account.unlock", a.username(), AuditOutcome.SUCCESS, "");
    }

    public List<Account> accounts() {
        return store.accounts();
    }

    private Account existing(Actor actor, String type, String username) {
        return store.account(username == null ? "" : username.strip())
                .orElseThrow(() -> fail(actor, type, username == null ? "-" : username, "no account `" + username + "`"));
    }

    /**
     * At the first start (no account at all): the three officers' accounts with one-time passwords,
     * returned by username; empty when accounts exist.
     */
    public Map<String, String> firstStart(Actor actor) {
        if (!store.accounts().isEmpty()) {
            return Map.of();
        }
        return firstStart(actor, hashAhead(hasher));
    }

    /**
     * {@link #firstStart(Actor)} with passwords drawn and hashed ahead ({@link #hashAhead}): a starting terminal that
     * expects a first start has the hashes, most of a first start's time, made while it loads its site and opens its
     * store. With accounts already there, {@code ahead} is dropped unused.
     */
    public Map<String, String> firstStart(Actor actor, FirstPasswords ahead) {
        if (!store.accounts().isEmpty()) {
            return Map.of();
        }
        Map<String, String> made = new LinkedHashMap<>();
        FIRST_ACCOUNTS.forEach((name, role) -> made.put(name,
                add(actor, name, role, ahead.passwords.get(name), done(ahead.hashes.get(name)))));
        return java.util.Collections.unmodifiableMap(made);
    }

    /**
     * Draws the one-time passwords of {@link #FIRST_ACCOUNTS} and starts hashing them at once, each on a thread of its
     * own (the hasher runs at most {@link PasswordHasher#CONCURRENT} together).
     */
    public static FirstPasswords hashAhead(PasswordHasher hasher) {
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, CompletableFuture<String>> hashes = new LinkedHashMap<>();
        FIRST_ACCOUNTS.keySet().forEach(name -> {
            String password = PasswordRules.oneTime();
            passwords.put(name, password);
            hashes.put(name, CompletableFuture.supplyAsync(() -> hasher.hash(password),
                    r -> Thread.ofPlatform().daemon().name("argon2-first-start-" + name).start(r)));
        });
        return new FirstPasswords(passwords, hashes);
    }

    /** The first accounts' one-time passwords and their hashes being made ({@link #hashAhead}). */
    public static final class FirstPasswords {
        private final Map<String, String> passwords;
        private final Map<String, CompletableFuture<String>> hashes;

        private FirstPasswords(Map<String, String> passwords, Map<String, CompletableFuture<String>> hashes) {
            this.passwords = passwords;
            this.hashes = hashes;
        }
    }

    // --- tokens

    /** Issues a token for a machine client in {@code role}; the secret is returned once and only its SM3 hash is kept. */
    public String issueToken(Actor actor, String name, Role role) {
        String n = name == null ? "" : name.strip();
        if (!USERNAME.matcher(n).matches()) {
            throw fail(actor, "token.issue", n.isEmpty() ? "-" : n, "`" + n + "` is not a token name: 2–32 characters,"
                    + " lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!store.insertToken(new ApiToken(n, role, clock.instant(), actor.name(), Optional.empty()), sm3(secret))) {
            throw fail(actor, "token.issue", n, "a valid token `" + n + "` exists; revoke it first");
        }
        record(actor, "token.issue", n, AuditOutcome.SUCCESS, "role " + role.code());
        return secret;
    }

    /** Revokes a token: it stops working at once. */
    public void revokeToken(Actor actor, String name) {
        if (!store.revokeToken(name, clock.instant())) {
            throw fail(actor, "token.revoke", name, "no valid token `" + name + "`");
        }
        record(actor, "token.revoke", name, AuditOutcome.SUCCESS, "");
    }

    public List<ApiToken> tokens() {
        return store.tokens();
    }

    // --- the policy

    /**
     * Stores {@code next} as the policy the terminal starts with (this instance keeps the one it was made with;
     * {@code tanhe users policy} runs against a stopped terminal). Audited with the values.
     */
    public void savePolicy(Actor actor, SecurityPolicy next) {
        store.saveSettings(next.toSettings());
        record(actor, "policy.change", "login policy", AuditOutcome.SUCCESS, next.toSettings().toString());
    }

    /** The policy stored in {@code store}: the defaults with the values saved by {@link #savePolicy}. */
    public static SecurityPolicy storedPolicy(AccessStore store) {
        return SecurityPolicy.defaults().with(store.settings());
    }

    // --- address allow-lists

    /** Sets {@code role}'s allow-list (empty: any address). */
    public void setAllowList(Actor actor, Role role, List<Cidr> ranges) {
        store.setAllowList(role, ranges);
        allowLists = store.allowLists();
        record(actor, "address.allow", role.code(), AuditOutcome.SUCCESS,
                ranges.isEmpty() ? "any address" : String.join(" ", ranges.stream().map(Cidr::toString).toList()));
    }

    /** Each role's allow-list; a role absent from the map may come from any address. */
    public Map<Role, List<Cidr>> allowLists() {
        return Map.copyOf(allowLists);
    }

    // --- the audit

    /** Records an event at the device clock's time. */
    public void record(Actor actor, String type, String target, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), actor.name(), actor.role(), actor.source(), type, target, outcome, detail));
    }

    private AccessException fail(Actor actor, String type, String target, String why) {
        record(actor, type, target, AuditOutcome.FAILURE, why);
        return new AccessException(why);
    }

    private static String sm3(String text) {
        SM3Digest d = new SM3Digest();
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
