package io.tanhe.cli;

import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessException;
import io.tanhe.server.security.access.Account;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.ApiToken;
import io.tanhe.server.security.access.Cidr;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code tanhe users}: accounts, tokens and address allow-lists on the machine itself, against the data
 * directory of a stopped terminal (bootstrap and recovery). Every action is audited as {@code local:<os user>}.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Manage the accounts, machine tokens and address allow-lists of a stopped terminal's data directory,",
                "on the machine itself (bootstrap and recovery; while the terminal runs, the security operator uses the API).",
                "Roles: sysadmin, secop, auditor, viewer (docs/security.md). Every action is audited."},
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.Lock.class,
                UsersCommand.Unlock.class, UsersCommand.Token.class, UsersCommand.Allow.class,
                UsersCommand.Policy.class})
public final class UsersCommand implements Runnable {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs {@code work} on the access control of the store in {@code dataDir}; 1 when a running terminal
     * holds the store, 2 when there is no store or the action is refused.
     */
    static int withAccess(Path dataDir, Function<AccessControl, Integer> work) {
        if (!Engine.holdsStore(dataDir)) {
            System.err.println("users: no store in " + dataDir.toAbsolutePath() + " (start the terminal once with `tanhe run`"
                    + " or `tanhe demo`, or give --data-dir)");
            return 2;
        }
        TerminalConsole.logTo(dataDir);
        try (LocalSecurity local = LocalSecurity.open(dataDir)) {
            return work.apply(TerminalSecurity.open(local.store, local.audit));
        } catch (AccessException | IllegalArgumentException e) {
            System.err.println("users: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println("users: " + e.getMessage() + "; or manage accounts over its API as the security operator"
                    + " (docs/security.md)");
            return 1;
        } catch (StoreException e) {
            System.err.println("users: cannot open the store in " + dataDir + ": " + e.getMessage()
                    + " (if a terminal runs on it, stop it first)");
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts with their role and state.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                Instant now = Instant.now();
                System.out.printf(Locale.ROOT, "%-20s %-9s %-28s %s%n", "USERNAME", "ROLE", "STATE", "PASSWORD SET");
                for (Account a : access.accounts()) {
                    List<String> state = new ArrayList<>();
                    if (a.disabled()) {
                        state.add("locked");
                    }
                    if (a.lockedOut(now)) {
                        state.add("locked until " + a.lockedUntil());
                    }
                    if (a.mustChange()) {
                        state.add("must change password");
                    }
                    System.out.printf(Locale.ROOT, "%-20s %-9s %-28s %s%n", a.username(), a.role().code(),
                            state.isEmpty() ? "active" : String.join(", ", state), a.passwordSetAt());
                }
                return 0;
            });
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account; prints its one-time password, to be changed at its first login.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "the account's name")
        String username;

        @Option(names = "--role", required = true, description = "sysadmin, secop, auditor or viewer")
        String role;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                Role r = Role.fromCode(role);
                String once = access.addAccount(Actor.local(), username, r);
                System.out.println(username + " (" + r.title() + ") one-time password: " + once);
                return 0;
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Reset an account's password: prints a new one-time password, to be changed at the next login.")
    static final class Passwd implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "the account's name")
        String username;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                System.out.println(username + " one-time password: " + access.resetPassword(Actor.local(), username));
                return 0;
            });
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true, description = "Lock an account until it is unlocked.")
    static final class Lock implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "the account's name")
        String username;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                access.lock(Actor.local(), username);
                System.out.println(username + ": locked");
                return 0;
            });
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Unlock an account (locked by the operator or by failed logins).")
    static final class Unlock implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "the account's name")
        String username;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                access.unlock(Actor.local(), username);
                System.out.println(username + ": unlocked");
                return 0;
            });
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = {"Machine tokens: `token add NAME --role ROLE [--out FILE]`, `token revoke NAME`,",
            "`token list`. A token is shown once; only its SM3 hash is stored. Send it as Authorization: Bearer TOKEN."})
    static final class Token implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "ACTION", description = "add, revoke or list")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "for add and revoke: the token's name")
        String name;

        @Option(names = "--role", description = "for add: sysadmin, secop, auditor or viewer")
        String role;

        @Option(names = "--out", paramLabel = "FILE", description = "for add: write the token to FILE (0600) instead of printing it")
        Path out;

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> switch (action) {
                case "add" -> {
                    if (name == null || role == null) {
                        throw new IllegalArgumentException("token add needs NAME and --role ROLE");
                    }
                    String token = access.issueToken(Actor.local(), name, Role.fromCode(role));
                    if (out == null) {
                        System.out.println(token);
                    } else {
                        try {
                            PrivateFiles.writeString(out, token + "\n");
                        } catch (IOException e) {
                            throw new IllegalArgumentException("cannot write " + out + ": " + e.getMessage());
                        }
                        System.out.println(name + ": token written to " + out + " (0600)");
                    }
                    yield 0;
                }
                case "revoke" -> {
                    if (name == null) {
                        throw new IllegalArgumentException("token revoke needs NAME");
                    }
                    access.revokeToken(Actor.local(), name);
                    System.out.println(name + ": revoked");
                    yield 0;
                }
                case "list" -> {
                    System.out.printf(Locale.ROOT, "%-20s %-9s %-26s %s%n", "NAME", "ROLE", "CREATED", "STATE");
                    for (ApiToken t : access.tokens()) {
                        System.out.printf(Locale.ROOT, "%-20s %-9s %-26s %s%n", t.name(), t.role().code(), t.createdAt(),
                                t.revokedAt().map(r -> "revoked " + r).orElse("valid"));
                    }
                    yield 0;
                }
                default -> throw new IllegalArgumentException("no token action `" + action + "`; use add, revoke or list");
            });
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true, description = {"Address allow-lists (§7.4.1.2 (3)): `allow --role ROLE CIDR…` sets a role's list,",
            "`allow --role ROLE --any` clears it (any address), `allow` alone lists them."})
    static final class Allow implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Option(names = "--role", description = "sysadmin, secop, auditor or viewer")
        String role;

        @Option(names = "--any", description = "clear the role's list: any address")
        boolean any;

        @Parameters(arity = "0..*", paramLabel = "CIDR", description = "e.g. 10.0.0.0/8 192.168.1.7 fd00::/8")
        List<String> ranges = new ArrayList<>();

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                if (role != null) {
                    if (!any && ranges.isEmpty()) {
                        throw new IllegalArgumentException("give the CIDR ranges " + role + " may come from, or --any");
                    }
                    access.setAllowList(Actor.local(), Role.fromCode(role), any ? List.of() : ranges.stream().map(Cidr::parse).toList());
                }
                for (Role r : Role.values()) {
                    List<Cidr> list = access.allowLists().getOrDefault(r, List.of());
                    System.out.println(r.code() + ": " + (list.isEmpty() ? "any address"
                            : String.join(" ", list.stream().map(Cidr::toString).toList())));
                }
                return 0;
            });
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = {"The login policy (takes effect at the terminal's next start): without options it is",
            "shown; e.g. `policy --set lockout-after=3 --set lockout-for=30min --set idle-timeout=10min`.",
            "Settings: lockout-after, lockout-for, password-max-age, history, idle-timeout, login-attempts-per-minute."})
    static final class Policy implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a setting to change; counts or durations such as 30s, 15min, 8h, 90d")
        java.util.Map<String, String> set = new java.util.LinkedHashMap<>();

        @Override
        public Integer call() {
            return withAccess(parent.dataDir, access -> {
                io.tanhe.server.security.access.SecurityPolicy policy = access.policy();
                if (!set.isEmpty()) {
                    policy = policy.with(set);
                    access.savePolicy(Actor.local(), policy);
                }
                policy.toSettings().forEach((k, v) -> System.out.println(k + " = " + v));
                return 0;
            });
        }
    }
}
