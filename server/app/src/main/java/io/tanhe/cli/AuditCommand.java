package io.tanhe.cli;

import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditExport;
import io.tanhe.server.security.audit.AuditLog;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditPage;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.security.audit.AuditVerification;
import io.tanhe.server.store.PrivateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tanhe audit …}: the tamper-evident audit of a stopped terminal, on the machine itself. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The terminal's audit (§7.4.1.3) in its data directory: query, export, verify, wipe.",
                "Run on the machine itself against a stopped terminal; each command is audited itself (source",
                "'local', your operating-system user name, role auditor)."},
        subcommands = {AuditCommand.Query.class, AuditCommand.Export.class, AuditCommand.Verify.class, AuditCommand.Wipe.class})
public final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Conditions shared by query and export; all given ones must hold. */
    static final class Filter {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;
        @Option(names = "--from", paramLabel = "TIME", description = "first time, included (e.g. 2026-11-01 or 2026-11-01T08:00, local)")
        String from;
        @Option(names = "--to", paramLabel = "TIME", description = "last time, excluded")
        String to;
        @Option(names = "--user", description = "only this user")
        String user;
        @Option(names = "--role", description = "only this role")
        String role;
        @Option(names = "--type", description = "only this event type, e.g. login, config.change, audit.wipe")
        String type;
        @Option(names = "--outcome", description = "only SUCCESS, FAILURE or DENIED")
        String outcome;
        @Option(names = "--source", description = "only this source address, or 'local'")
        String source;
        @Option(names = "--sort", defaultValue = "time", description = "time, seq, user, role, source, type or outcome (default: ${DEFAULT-VALUE})")
        String sort;
        @Option(names = "--asc", description = "oldest (or A) first; the default is newest first")
        boolean ascending;

        AuditQuery query(int offset, int limit) {
            ZoneId zone = ZoneId.systemDefault();
            AuditQuery q = AuditQuery.all().page(offset, limit)
                    .between(from == null ? null : TimeArgument.parse(from, zone), to == null ? null : TimeArgument.parse(to, zone))
                    .user(user).role(role).type(type).source(source);
            if (outcome != null) {
                try {
                    q = q.outcome(AuditOutcome.valueOf(outcome.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--outcome `" + outcome + "` is not SUCCESS, FAILURE or DENIED");
                }
            }
            AuditQuery.Sort by;
            try {
                by = AuditQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sort `" + sort + "` is not one of time, seq, user, role, source, type, outcome");
            }
            return q.sorted(by, !ascending);
        }
    }

    private static AuditActor auditor() {
        return LocalSecurity.actor(AuditLog.AUDITOR_ROLE);
    }

    /** Runs {@code body} on the data directory, turning expected problems into a message and exit code 2. */
    private static int withAudit(String command, Path dataDir, Body body) {
        try (LocalSecurity local = LocalSecurity.open(dataDir)) {
            return body.run(local);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("audit " + command + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("audit " + command + ": " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    private interface Body {
        int run(LocalSecurity local) throws IOException;
    }

    /** {@code tanhe audit query}. */
    @Command(name = "query", mixinStandardHelpOptions = true, description = "Show audit entries matching every condition given, a page at a time.")
    static final class Query implements Callable<Integer> {
        @CommandLine.Mixin
        Filter filter = new Filter();
        @Option(names = "--offset", defaultValue = "0", description = "entries to skip (default: ${DEFAULT-VALUE})")
        int offset;
        @Option(names = "--limit", defaultValue = "50", description = "entries to show, at most " + AuditQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            return withAudit("query", filter.dataDir, local -> {
                AuditPage page = local.audit.query(filter.query(offset, limit), auditor());
                System.out.printf("%-7s %-24s %-14s %-10s %-15s %-18s %-8s %-20s %s%n", "#", "time", "user", "role", "source",
                        "type", "outcome", "target", "detail");
                for (AuditEntry e : page.entries()) {
                    var v = e.event();
                    System.out.printf("%-7d %-24s %-14s %-10s %-15s %-18s %-8s %-20s %s%n", e.seq(), v.at(), v.user(), v.role(),
                            v.source(), v.type(), v.outcome(), v.target(), v.detail().replace('\n', ' '));
                }
                System.out.println("entries " + (page.entries().isEmpty() ? 0 : offset + 1) + "-" + (offset + page.entries().size())
                        + " of " + page.total());
                return 0;
            });
        }
    }

    /** {@code tanhe audit export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every audit entry matching the conditions as CSV or JSON (with each entry's number and hash).")
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        Filter filter = new Filter();
        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the file to write (made 0600); default: standard output")
        Path output;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            return withAudit("export", filter.dataDir, local -> {
                AuditExport.Format f;
                try {
                    f = AuditExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--format `" + format + "` is not csv or json");
                }
                AuditQuery q = filter.query(0, AuditQuery.MAX_LIMIT);
                long n;
                if (output == null) {
                    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                    n = local.audit.export(q, f, out, auditor());
                } else {
                    PrivateFiles.file(output);
                    try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                        n = local.audit.export(q, f, out, auditor());
                    }
                    System.err.println("audit export: " + n + " entries written to " + output);
                }
                return 0;
            });
        }
    }

    /** {@code tanhe audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the SM3 chain and the SM2-signed checkpoints; name the first entry that was changed, removed,",
                    "inserted or reordered. Exit code 0 when intact, 1 when broken."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            return withAudit("verify", dataDir, local -> {
                AuditVerification v = local.audit.verify(auditor());
                (v.intact() ? System.out : System.err).println(v.summary());
                return v.intact() ? 0 : 1;
            });
        }
    }

    /** {@code tanhe audit wipe}. */
    @Command(name = "wipe", mixinStandardHelpOptions = true,
            description = {"Remove the whole audit (the auditor's action; single entries are never removed) and start a new",
                    "chain whose first entry records the wipe and the old chain's head hash. Needs --confirm."})
    static final class Wipe implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
        Path dataDir;
        @Option(names = "--confirm", description = "yes, remove every entry")
        boolean confirm;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            if (!confirm) {
                System.err.println("audit wipe: this removes every audit entry; export them first ('tanhe audit export -o FILE')"
                        + " and add --confirm");
                return 2;
            }
            return withAudit("wipe", dataDir, local -> {
                AuditEntry first = local.audit.wipe(auditor());
                System.out.println("audit wiped; chain " + first.chain() + " starts at entry #" + first.seq() + ": " + first.event().detail());
                return 0;
            });
        }
    }
}
