package io.tanhe.cli;

import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.evidence.Bundle;
import io.tanhe.server.evidence.BundleExplain;
import io.tanhe.server.evidence.BundleFormatException;
import io.tanhe.server.evidence.BundleVerifier;
import io.tanhe.server.evidence.BundleWriter;
import io.tanhe.server.evidence.SiteReader;
import io.tanhe.server.evidence.TerminalEvidence;
import io.tanhe.server.evidence.TrustedKeys;
import io.tanhe.server.evidence.VerifyReport;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.FileTrees;
import io.tanhe.server.store.StoreException;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.terminal.TerminalFile;
import io.tanhe.sim.demo.SimulatedType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code tanhe evidence export|verify|explain}: evidence bundles for verification bodies (docs/evidence.md). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Evidence bundles for verification bodies: export a period's complete derivation from a terminal,",
                "verify it on any machine offline (signatures, completeness, every figure recomputed), explain a figure from it."},
        subcommands = {EvidenceCommand.Export.class, EvidenceCommand.Verify.class, EvidenceCommand.Explain.class})
public final class EvidenceCommand implements Runnable {
    /** How the site file in a bundle is read: every driver family, the demo's simulated meters included. */
    static final SiteReader READER = (text, origin, dir, library) -> new SiteLoader(Clock.systemUTC()).with(new SimulatedType())
            .withLibrary(library).parse(text, origin, dir);

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the evidence bundle of days --from … --to: from the running terminal's API (an administrator's or",
                    "auditor's token), or from a stopped terminal's store in --data-dir. Progress goes to stderr."})
    static final class Export implements Callable<Integer> {
        @Mixin
        LocalTerminal terminal;

        @Option(names = "--from", required = true, paramLabel = "DAY", description = "first day, e.g. 2026-01-01 (site zone)")
        String from;

        @Option(names = "--to", paramLabel = "DAY", description = "last day, included (default: --from)")
        String to;

        @Option(names = "--nodes", paramLabel = "E,F", split = ",", description = "only these nodes' results (default: every node)")
        List<String> nodes = List.of();

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the bundle file to write")
        Path output;

        @Option(names = "--site", paramLabel = "FILE", description = "a stopped terminal's site file (default: the version it saved in its store)")
        Path siteFile;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            LocalDate first;
            LocalDate last;
            try {
                first = day("--from", from);
                last = to == null ? first : day("--to", to);
                if (last.isBefore(first)) {
                    throw new IllegalArgumentException("--to " + last + " is before --from " + first);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("evidence export: " + e.getMessage());
                return 2;
            }
            Path dataDir = terminal.dataDir;
            if (TerminalFile.read(dataDir).filter(TerminalFile::processAlive).isPresent()) {
                return fromApi(first, last);
            }
            if (!Engine.holdsStore(dataDir)) {
                System.err.println("evidence export: no terminal runs on " + dataDir.toAbsolutePath() + " and it holds no store; give --data-dir");
                return 2;
            }
            try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir)); Site base = StoredSite.load(siteFile, store, dataDir);
                 OutputStream out = Files.newOutputStream(output)) {
                BundleWriter.Summary s = BundleWriter.write(TerminalEvidence.request(store, base, DeviceIdentity.loadOrCreate(dataDir), first, last,
                        Set.copyOf(nodes), "tanhe 0.1.0", Instant.now()), out, System.err::println);
                System.out.println("evidence: wrote " + output + " (" + s.readings() + " readings, " + s.results() + " results, "
                        + s.revisions() + " earlier revisions, " + s.entries() + " entries; manifest SM3 " + s.manifestSm3() + ")");
                return 0;
            } catch (IllegalArgumentException | InvalidConfigException e) {
                System.err.println("evidence export: " + e.getMessage());
                return 2;
            } catch (IOException | StoreException e) {
                System.err.println("evidence export: " + e.getMessage());
                return 1;
            }
        }

        private int fromApi(LocalDate first, LocalDate last) {
            ApiClient client;
            try {
                client = terminal.client(Duration.ofHours(2));
            } catch (LocalTerminal.Unreachable e) {
                System.err.println("evidence export: " + e.getMessage());
                return 1;
            }
            String query = "/api/evidence?from=" + first + "&to=" + last + (nodes.isEmpty() ? "" : "&nodes=" + ApiCommands.enc(String.join(",", nodes)));
            System.err.println("evidence: exporting " + first + " … " + last + " from the terminal at " + client.base());
            try {
                ApiClient.Answer a = client.download(query, output);
                if (!a.ok()) {
                    System.err.println("evidence export: " + a.problem()
                            + (a.status() == 403 ? "; an administrator's or auditor's token is needed (--token-file)" : ""));
                    return a.exit();
                }
            } catch (IOException e) {
                System.err.println("evidence export: the API at " + client.base() + " does not answer: " + e.getMessage());
                return 1;
            }
            try (Bundle b = Bundle.open(output)) {
                System.out.println("evidence: wrote " + output + " (" + Files.size(output) + " bytes, " + b.listed().size()
                        + " entries; manifest SM3 " + b.manifestSm3() + ")");
                return 0;
            } catch (IOException | BundleFormatException e) {
                System.err.println("evidence export: the terminal's answer is not a bundle: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a bundle offline: the manifest's signature and who made it (--trust: the keys you trust), every",
                    "entry against the manifest, the packages' signatures, and every stored figure recomputed from the bundle's",
                    "readings. Exit code 0 only when everything matches."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BUNDLE", description = "the bundle (a file tanhe evidence export wrote)")
        Path bundle;

        @Option(names = "--trust", paramLabel = "DIR", description = "a folder (or file) of trusted public keys: *.pub/*.pem, trust policies *.yaml")
        Path trust;

        @Option(names = "--work", paramLabel = "DIR", description = "scratch folder (default: a temporary one, removed afterwards)")
        Path work;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            Optional<TrustedKeys> keys;
            try {
                keys = trust == null ? Optional.empty() : Optional.of(TrustedKeys.load(trust));
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("evidence verify: " + e.getMessage());
                return 2;
            }
            try (Bundle b = Bundle.open(bundle)) {
                Path dir = work == null ? Files.createTempDirectory("tanhe-evidence") : Files.createDirectories(work);
                try {
                    VerifyReport r = BundleVerifier.verify(b, keys, READER, dir, System.err::println);
                    System.out.print(r.text());
                    return r.ok() ? 0 : 1;
                } finally {
                    if (work == null) {
                        FileTrees.delete(dir);
                    }
                }
            } catch (BundleFormatException | InvalidConfigException e) {
                System.err.println("evidence verify: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                System.err.println("evidence verify: " + bundle + ": " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"The derivation tree of a figure from the bundle alone (as `tanhe explain --store`), with its stored",
                    "revisions; a year or month (--bucket 2026, 2026-03) as the sum of its stored days."})
    static final class Explain implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BUNDLE", description = "the bundle (a file tanhe evidence export wrote)")
        Path bundle;

        @Option(names = "--node", required = true, paramLabel = "NAME", description = "the figure's node, e.g. E")
        String node;

        @Option(names = "--key", defaultValue = "", paramLabel = "K", description = "its key, members joined by commas (default: scalar)")
        String key;

        @Option(names = "--bucket", required = true, paramLabel = "T", description = "2026, 2026-03, 2026-03-02 or a local time 2026-03-02T10:15")
        String bucket;

        @Option(names = "--grain", defaultValue = "day", paramLabel = "G", description = "for a day or time: day, hour, 15min or minute (default: ${DEFAULT-VALUE})")
        String grain;

        @Override
        public Integer call() {
            System.setProperty("tanhe.log.level", "WARN");
            try (Bundle b = Bundle.open(bundle)) {
                Path dir = Files.createTempDirectory("tanhe-evidence");
                try {
                    System.out.print(BundleExplain.explain(b, READER, dir, node, key, bucket, grain, System.err::println));
                    return 0;
                } finally {
                    FileTrees.delete(dir);
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                System.err.println("evidence explain: " + e.getMessage());
                return 2;
            } catch (BundleFormatException | InvalidConfigException e) {
                System.err.println("evidence explain: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                System.err.println("evidence explain: " + bundle + ": " + e.getMessage());
                return 2;
            }
        }
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": `" + text + "` is not a day; write it as 2026-12-05");
        }
    }
}
