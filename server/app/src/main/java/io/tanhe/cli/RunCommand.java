package io.tanhe.cli;

import io.tanhe.sim.demo.SimulatedType;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.terminal.Terminal;
import io.tanhe.server.terminal.TerminalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tanhe run --site FILE}: a real deployment. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the terminal of a site: validate the site file (every problem is listed with its field",
                "path, and nothing starts when there is one), open the store, rebuild the open buckets from it,",
                "start the drivers and the HTTP API. Ctrl-C stops it cleanly. See docs/site.md."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "the site file (YAML or JSON)")
    Path siteFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "store directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "API address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8017", description = "API port; 0 for any free port, -1 for no API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--check", description = "only validate the site file and exit (0: valid, 2: problems)")
    boolean check;

    @Override
    public Integer call() throws Exception {
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
            terminal = Terminal.open(site, TerminalSettings.defaults(dataDir), Clock.systemUTC());
        } catch (io.tanhe.server.security.config.ConfigTamperedException e) {
            System.err.println("tanhe: not started: " + e.getMessage());
            return 1;
        }
        if (port >= 0) {
            TerminalApi.start(terminal, host, port);
        }
        TerminalConsole console = new TerminalConsole(terminal, System.out, Duration.ofSeconds(5));
        console.banner(dataDir);
        console.start();
        terminal.startAcquisition(Clock.system(site.zone()));
        terminal.startUplink(Clock.systemUTC());
        Thread.currentThread().join();
        return 0;
    }
}
