package io.tanhe.server.security.audit;

import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.jdbc.JdbcStore;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The process {@link AuditCrashTest} kills: records audit events from two threads as fast as the audit
 * acknowledges them, and prints {@code ack <detail>} after each acknowledgement (one write(2), so a kill
 * never leaves half a line). Checkpoints every 7 entries, so kills land inside checkpoint writes too.
 *
 * <p>Arguments: data directory, run number.
 */
public final class AuditCrashWriter {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private AuditCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String run = args[1];
        JdbcStore store = JdbcStore.open(AuditFixture.settings(dir));
        AuditLog log = AuditLog.open(store::connect, DeviceIdentity.loadOrCreate(dir), Clock.systemUTC(),
                AuditSettings.defaults().withCheckpointEvery(7));
        for (int t = 0; t < 2; t++) {
            int thread = t;
            new Thread(() -> {
                for (long n = 0; ; n++) {
                    String detail = "run " + run + " thread " + thread + " n " + n;
                    log.record(new AuditEvent(Instant.now(), "writer", "admin", "local", "config.change", "site",
                            AuditOutcome.SUCCESS, detail));
                    print("ack " + detail.replace(' ', '_') + "\n");
                }
            }).start();
        }
    }

    private static synchronized void print(String s) {
        try {
            OUT.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            System.exit(3);
        }
    }
}
