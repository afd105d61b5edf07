package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.security.access.AccessControl;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tanhe remote} against a demo terminal's API over TLS: the certificate is refused unless its CA is pinned,
 * a fleet file runs every terminal concurrently with a row each (an unreachable one fails alone), and an action's
 * refusal shows the API's message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class RemoteCommandTest {
    static final char[] PASSWORD = "remote-tls-pw".toCharArray();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private String url;
    private Path ca;
    private Path token;

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        AccessControl access = TerminalSecurity.prepare(terminal, data, new PrintStream(OutputStream.nullOutputStream()));
        token = dir.resolve("admin.token");
        TerminalSecurity.ensureToken(access, token, "fleet-admin", Role.SYSTEM_ADMINISTRATOR);
        ca = dir.resolve("ca.pem");
        Path keystore = keystore(dir.resolve("api.p12"), ca);
        url = TerminalApi.start(terminal, new ApiBinding("127.0.0.1", 0, Optional.of(new ApiBinding.Tls(keystore, PASSWORD))), access);
        DemoRuns.simulate(terminal, DemoRuns.START, Duration.ofMinutes(3));
    }

    @AfterAll
    void stop() {
        terminal.close();
    }

    /** A self-signed certificate for 127.0.0.1 in a PKCS12 keystore (password {@link #PASSWORD}); its PEM goes to {@code pem}. */
    static Path keystore(Path file, Path pem) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=terminal");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                name, pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("api", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    @Test
    void tlsIsVerifiedAndAPinnedCaIsTrusted() {
        CliRun untrusted = CliRun.of("remote", "status", "--url", url, "--token-file", token.toString());
        assertEquals(1, untrusted.exit(), untrusted.out());
        assertTrue(untrusted.out().contains("FAILED") && untrusted.out().contains("no answer from " + url), untrusted.out());
        CliRun pinned = CliRun.of("remote", "status", "--url", url, "--token-file", token.toString(), "--ca", ca.toString());
        assertEquals(0, pinned.exit(), pinned.out() + pinned.err());
        assertTrue(pinned.out().contains("ok      demo-plant, cn.power-generation 2022.1, store OK"), pinned.out());
    }

    @Test
    void aFleetRunsConcurrentlyWithARowPerTerminal() throws Exception {
        Path fleet = dir.resolve("fleet.txt");
        Files.writeString(fleet, "# the plants\nplant-a " + url + " admin.token\nplant-b " + url + "\nplant-down https://127.0.0.1:9\n");
        CliRun status = CliRun.of("remote", "status", "--fleet", fleet.toString(), "--token-file", token.toString(), "--ca", ca.toString());
        assertEquals(1, status.exit(), "one terminal is down: " + status.out());
        assertTrue(status.out().startsWith("TERMINAL    RESULT  DETAIL\n"), status.out());
        assertTrue(status.out().contains("plant-a     ok      demo-plant"), status.out());
        assertTrue(status.out().contains("plant-b     ok      demo-plant"), status.out());
        assertTrue(status.out().contains("plant-down  FAILED  no answer from https://127.0.0.1:9"), status.out());
        assertTrue(status.out().endsWith("2 of 3 terminal(s) ok\n"), status.out());
        CliRun ack = CliRun.of("remote", "ack", "424242", "-m", "x", "--fleet", fleet.toString(), "--token-file", token.toString(),
                "--ca", ca.toString());
        assertTrue(ack.out().contains("plant-a     FAILED  id: no alert 424242"), ack.out());
        CliRun backfill = CliRun.of("remote", "backfill", "--grain", "hour", "--from", "2026-06-01", "--to", "2026-06-02", "--reason",
                "test", "--url", url, "--token-file", token.toString(), "--ca", ca.toString());
        assertTrue(backfill.out().contains("the site names no data centre"), backfill.out());
        CliRun export = CliRun.of("remote", "export", "--data", "readings", "--from", "2026-06-01T08:00", "--to", "2026-06-01T08:01",
                "--out", dir.resolve("exports").toString(), "--url", url, "--token-file", token.toString(), "--ca", ca.toString());
        assertEquals(0, export.exit(), export.out());
        assertTrue(export.out().contains("line(s) in "), export.out());
        Path exported;
        try (var files = Files.list(dir.resolve("exports"))) {
            exported = files.findFirst().orElseThrow();
        }
        CliRun imported = CliRun.of("remote", "import", exported.toString(), "--data", "readings", "--name", "back.csv", "--url", url,
                "--token-file", token.toString(), "--ca", ca.toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().matches("(?s).*ok      job \\d+: \\d+ row\\(s\\): 0 stored, 0 revised, \\d+ unchanged.*"), imported.out());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, Files.readAllLines(exported).getFirst() + "\nnot,a,reading\n");
        CliRun refused = CliRun.of("remote", "import", bad.toString(), "--data", "readings", "--url", url,
                "--token-file", token.toString(), "--ca", ca.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("FAILED  body: bad.csv has bad rows, nothing was kept or imported: bad.csv:2:"), refused.out());
        CliRun badFleet = CliRun.of("remote", "status", "--fleet", dir.resolve("missing.txt").toString());
        assertEquals(2, badFleet.exit());
        assertTrue(badFleet.err().contains("cannot read the fleet file"), badFleet.err());
        CliRun neither = CliRun.of("remote", "status");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("give --url URL or --fleet FILE"), neither.err());
    }
}
