package io.tanhe.cli;

import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.AccessStore;
import io.tanhe.server.security.access.Actor;
import io.tanhe.server.security.access.PasswordHasher;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditTrail;
import io.tanhe.server.store.PrivateFiles;
import io.tanhe.server.store.Store;
import io.tanhe.server.terminal.Terminal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The security a terminal starts with ({@code tanhe run}, {@code tanhe demo}): access control over the
 * store's database, the three officers' accounts at the first start (one-time passwords written once to
 * a 0600 file and printed once), and the tokens the machine's own tools use, each in a 0600 file of the
 * data directory.
 */
final class TerminalSecurity {
    /** The one-time passwords of the first start. */
    static final String INITIAL_PASSWORDS = "initial-passwords.txt";
    /** A viewer token for {@code tanhe report} on the machine while the terminal runs. */
    static final String CLI_TOKEN = "cli.token";
    /** The demo's viewer token, for the README's curl examples. */
    static final String VIEWER_TOKEN = "viewer.token";
    /** The demo's administrator token, for the README's acknowledgement and manual entry (never made by `tanhe run`). */
    static final String OPERATOR_TOKEN = "operator.token";

    private TerminalSecurity() {
    }

    /** Access control over {@code store}'s database with the stored policy ({@code tanhe users policy}) and Argon2id. */
    static AccessControl open(Store store, AuditTrail audit) {
        AccessStore rows = new AccessStore(store::connect);
        return new AccessControl(rows, AccessControl.storedPolicy(rows), PasswordHasher.DEFAULT, Clock.systemUTC(), audit);
    }

    /**
     * Opens access control for a starting terminal: makes the first accounts when there are none (and says
     * so on {@code out}), and refreshes the local tools' token.
     */
    static AccessControl prepare(Terminal terminal, Path dataDir, PrintStream out) {
        AccessControl access = open(terminal.store(), terminal.audit());
        return prepared(access, access.firstStart(Actor.local()), dataDir, out);
    }

    /** {@link #prepare(Terminal, Path, PrintStream)} with the first start's passwords hashed ahead ({@link #hashAheadIfNew}). */
    static AccessControl prepare(Terminal terminal, Path dataDir, PrintStream out, AccessControl.FirstPasswords ahead) {
        AccessControl access = open(terminal.store(), terminal.audit());
        return prepared(access, access.firstStart(Actor.local(), ahead), dataDir, out);
    }

    /**
     * The first start's passwords drawn and being hashed, when {@code dataDir} looks new (the local tools' token is not
     * there yet), so that a starting terminal has them hashed while it loads its site; empty otherwise. Hashed for
     * nothing if the store has accounts after all (a token file deleted by hand): they are then dropped unused.
     */
    static Optional<AccessControl.FirstPasswords> hashAheadIfNew(Path dataDir) {
        return Files.exists(dataDir.resolve(CLI_TOKEN)) ? Optional.empty() : Optional.of(AccessControl.hashAhead(PasswordHasher.DEFAULT));
    }

    private static AccessControl prepared(AccessControl access, Map<String, String> made, Path dataDir, PrintStream out) {
        if (!made.isEmpty()) {
            Path file = dataDir.resolve(INITIAL_PASSWORDS);
            StringBuilder text = new StringBuilder("# one-time passwords of the first start; change each at its first login"
                    + " (POST /api/password), then delete this file\n");
            made.forEach((name, password) -> text.append(name).append(' ').append(password).append('\n'));
            write(file, text.toString());
            out.println("tanhe: first start: made the accounts of the three roles, each with a one-time password to change at"
                    + " its first login (also in " + file + ", 0600; shown only now):");
            made.forEach((name, password) -> out.println("tanhe:   " + name + " (" + AccessControl.FIRST_ACCOUNTS.get(name).title()
                    + ")  " + password));
        }
        ensureToken(access, dataDir.resolve(CLI_TOKEN), "local-cli", Role.VIEWER);
        return access;
    }

    /**
     * Makes sure {@code file} holds a valid token named {@code name} in {@code role}: keeps a valid one,
     * otherwise revokes the old and issues a new one (only its hash is stored; the file is 0600).
     *
     * @return the token
     */
    static String ensureToken(AccessControl access, Path file, String name, Role role) {
        try {
            if (Files.isRegularFile(file)) {
                String held = Files.readString(file).strip();
                if (access.token(held).filter(p -> p.name().equals(name) && p.role() == role).isPresent()) {
                    return held;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (access.tokens().stream().anyMatch(t -> t.name().equals(name) && t.revokedAt().isEmpty())) {
            access.revokeToken(Actor.local(), name);
        }
        String token = access.issueToken(Actor.local(), name, role);
        write(file, token + "\n");
        return token;
    }

    private static void write(Path file, String text) {
        try {
            PrivateFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
