package io.tanhe.server.terminal;

import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A terminal start in a child JVM for {@link RestoreOrderCrashTest}: opens the terminal (which applies a pending
 * restore order), says so, and closes it. Arguments: the site file and the data directory.
 */
public final class RestoreChild {
    private RestoreChild() {
    }

    public static void main(String[] args) {
        Site site = SiteFiles.load(Path.of(args[0]));
        try (Terminal terminal = Terminal.open(site, TerminalSettings.defaults(Path.of(args[1])), Clock.systemUTC())) {
            System.out.println("started with " + terminal.store().readings().count() + " readings");
        }
        System.exit(0);
    }
}
