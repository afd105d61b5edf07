package io.tanhe.server.security.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a fresh JVM (no test before it registered anything): a terminal's identity, signatures and sealed secrets
 * leave the Bouncy Castle provider unregistered, and the first JCA use registers it and works.
 */
class FreshJvmTest {
    @TempDir
    Path dir;

    @Test
    void theTerminalsCryptoNeedsNoProviderAndTheFirstJcaUseRegistersIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FreshJvmProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("signs=true seals=true provider-before-jca=false csr-valid=true provider-after-jca=true"), out);
    }
}
