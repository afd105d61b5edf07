package io.tanhe.cli;

import io.tanhe.server.api.ReleaseUpgrades;
import io.tanhe.server.api.Upgrades;
import io.tanhe.server.packages.release.InstallRoot;
import io.tanhe.server.packages.release.Probation;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.console.Console;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.security.access.AccessControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tanhe run --site FILE}: a real deployment. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the terminal of a site: validate the site file (every problem is listed with its field",
                "path, and nothing starts when there is one), open the store, rebuild the open buckets from it,",
                "start the drivers and the HTTP API (accounts, roles and TLS: docs/security.md). Ctrl-C stops it cleanly.",
                "See docs/site.md."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "the site file (YAML or JSON)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Mixin
    ApiOptions api = new ApiOptions();

    @Option(names = "--install-root", paramLabel = "DIR", description = {"where the program's releases live, for remote upgrades",
            "(default: $" + UpgradeCommand.ROOT_VARIABLE + "; the Debian package: /opt/tanhe; none: upgrades are refused)"})
    Path installRoot;

    @Option(names = "--check", description = "only validate the site file and exit (0: valid, 2: problems)")
    boolean check;

    @Override
    public Integer call() throws Exception {
        ApiBinding binding = null;
        java.util.List<io.tanhe.server.security.access.Cidr> scrapers = java.util.List.of();
        if (!check && api.enabled()) {
            try {
                binding = api.binding();
                scrapers = api.scrapers();
            } catch (IllegalArgumentException e) {
                System.err.println("run: " + e.getMessage());
                return 2;
            }
        }
        if (!check) {
            TerminalConsole.logTo(dataDir);
        }
        Site site;
        try {
            site = new SiteLoader(Clock.systemUTC()).with(new SimulatedType()).load(siteFile);
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (check) {
            System.out.println(siteFile + ": valid; site " + site.identity().siteId() + ", methodology "
                    + site.methodology().id() + " " + site.methodology().version() + ", " + site.bindings().size() + " points bound, "
                    + site.thresholds().size() + " thresholds");
            site.close();
            return 0;
        }
        Terminal terminal;
        try {
            terminal = Terminal.open(site, TerminalSettings.defaults(dataDir)
                    .withSiteLoader(new SiteLoader(Clock.systemUTC()).with(new SimulatedType())), Clock.systemUTC());
        } catch (io.tanhe.server.security.config.ConfigTamperedException e) {
            System.err.println("tanhe: not started: " + e.getMessage());
            return 1;
        }
        String hint = null;
        if (binding != null) {
            AccessControl access = TerminalSecurity.prepare(terminal, dataDir, System.out);
            try {
                TerminalApi.start(terminal, binding, access, scrapers, RecentLog.tail(),
                        Console.on(access, new SiteLoader(Clock.systemUTC()).with(new SimulatedType())), upgrades(terminal));
                if (binding.tls().isPresent()) {
                    PinnedCertificate.write(binding.tls().get(), dataDir);
                }
            } catch (IllegalArgumentException | java.io.IOException | java.security.GeneralSecurityException e) {
                System.err.println("run: " + e.getMessage());
                terminal.close();
                return 2;
            }
            hint = "sign in: curl -c cookies -H 'Content-Type: application/json' -d '{\"username\":…,\"password\":…}' "
                    + terminal.apiAddress().orElseThrow() + "/api/login; tokens: tanhe users token; web console: "
                    + terminal.apiAddress().orElseThrow() + Console.PREFIX + "/";
        }
        TerminalConsole console = new TerminalConsole(terminal, System.out, Duration.ofSeconds(5));
        console.banner(dataDir, hint);
        console.start();
        terminal.startAcquisition(Clock.system(site.zone()));
        terminal.startUplink(Clock.systemUTC());
        Optional<InstallRoot> root = UpgradeCommand.root(installRoot);
        if (root.isPresent()) {
            // a release on probation proves its health here, or is rolled back (docs/operations.md, remote upgrade)
            Probation.start(UpgradeCommand.upgrader(root.get()), UpgradeCommand.runningRelease(), new ReleaseHealth(terminal),
                    Duration.ofSeconds(2), RunCommand::restart);
        }
        Thread.currentThread().join();
        return 0;
    }

    private Upgrades upgrades(Terminal terminal) {
        return UpgradeCommand.root(installRoot).<Upgrades>map(r -> new ReleaseUpgrades(terminal, UpgradeCommand.upgrader(r),
                RunCommand::restart)).orElse(Upgrades.NONE);
    }

    /**
     * Ends the program a moment later (the answer that asked for it is sent first) with the exit code its service
     * manager restarts on; the shutdown hook stops the terminal cleanly before.
     */
    static void restart() {
        Thread.ofPlatform().name("tanhe-restart").start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("tanhe: restarting into the release now in use (exit " + TerminalConsole.RESTART_EXIT + ")");
            System.exit(TerminalConsole.RESTART_EXIT);
        });
    }
}
