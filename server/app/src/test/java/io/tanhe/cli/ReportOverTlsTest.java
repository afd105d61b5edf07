package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.api.TerminalApi;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tanhe report` against a terminal serving HTTPS on every address: it trusts exactly the certificate the
 * terminal left in its data directory (pinned; the certificate names no address), and refuses another.
 */
@Timeout(120)
class ReportOverTlsTest {
    private static final char[] PASSWORD = "report-tls-pw".toCharArray();

    @TempDir
    Path dir;

    private static Path keystore(Path file, String cn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("api", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    @Test
    void theReportComesOverHttpsTrustingOnlyTheTerminalsCertificate() throws Exception {
        Path data = dir.resolve("data");
        ApiBinding.Tls tls = new ApiBinding.Tls(keystore(dir.resolve("api.p12"), "terminal"), PASSWORD);
        try (Terminal t = DemoRuns.open(dir.resolve("site"), data, UnaryOperator.identity(), DemoRuns.settings(data))) {
            String address = TerminalApi.start(t, new ApiBinding("0.0.0.0", 0, Optional.of(tls)),
                    TerminalSecurity.prepare(t, data, new java.io.PrintStream(OutputStream.nullOutputStream())));
            assertTrue(address.startsWith("https://0.0.0.0:"), address);
            PinnedCertificate.write(tls, data);
            DemoRuns.simulate(t, DemoRuns.START, Duration.ofMinutes(3));
            CliRun report = CliRun.of("report", "--data-dir", data.toString(), "--grain", "minute", "--from", "2026-06-01T08:00",
                    "--to", "2026-06-01T08:02");
            assertEquals(0, report.exit(), report.err());
            assertTrue(report.out().startsWith("site demo-plant"), report.out());

            ApiBinding.Tls other = new ApiBinding.Tls(keystore(dir.resolve("other.p12"), "impostor"), PASSWORD);
            PinnedCertificate.write(other, data);
            CliRun refused = CliRun.of("report", "--data-dir", data.toString(), "--grain", "minute", "--from", "2026-06-01T08:00");
            assertEquals(1, refused.exit(), refused.out());
            assertTrue(refused.err().contains("does not answer"), refused.err());
        }
    }
}
