package io.tanhe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tanhe.sim.demo.DemoSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --site X --check} on a site whose {@code methodology: file:} imports a chain 1,500
 * files deep: the compiler's import resolution used to overflow the launcher's 512 KiB stack and the
 * command died with exit 1; now the chain is E104 and the check exits 2, as documented.
 */
class RunCheckDeepImportsTest {

    @TempDir
    Path dir;

    @Test
    void aSiteWhoseMethodologyImportsFifteenHundredDeepFailsTheCheckWithExitTwoAndE104() throws IOException {
        Path site = DemoSite.writeTo(dir);
        String text = Files.readString(site);
        String edited = text.replaceFirst("(?m)^methodology:\\n(  .*\\n)+", "methodology:\n  file: chain/m0.tanhe\n  version: \"1.0\"\n");
        assertTrue(edited.contains("file: chain/m0.tanhe"), edited);
        Files.writeString(site, edited);
        Path chain = Files.createDirectories(site.resolveSibling("chain"));
        int n = 1500;
        for (int i = 0; i < n; i++) {
            String head = i == 0 ? "methodology t.chain\n  version 1.0\n  title \"t\"\n  source \"s\"\n  industry \"demo\"\n\n"
                    : "library t.l" + i + "\n  version 1.0\n\n";
            Files.writeString(chain.resolve("m" + i + ".tanhe"), head + (i < n - 1 ? "import \"m" + (i + 1) + ".tanhe\"\n" : ""));
        }
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                outcome.set(CliRun.of("run", "--site", site.toString(), "--check"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "xss512k", 512 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(outcome.get() instanceof CliRun, "threw " + outcome.get());
        CliRun r = (CliRun) outcome.get();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("E104"), r.err());
    }
}
