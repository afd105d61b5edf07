package io.tanhe.server.api;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cut-off seen from the plant network: the API on TLS on every address, reached through one of this machine's
 * non-loopback addresses (skipped where it has none). Before the cut-off that address reads; after it, it gets 403
 * on every route while loopback still reads, and it cannot lift the cut-off itself.
 */
@Timeout(120)
class CutOffRemoteTest {
    private static final char[] PASSWORD = "test-keystore-pw".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aCutOffRefusesEveryRemoteAddressButNotTheMachineItself() throws Exception {
        Optional<InetAddress> remote = NetworkInterface.networkInterfaces().filter(CutOffRemoteTest::up)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()
                        && !a.isLinkLocalAddress()).findFirst();
        assumeTrue(remote.isPresent(), "this machine has no non-loopback IPv4 address");
        Path data = dir.resolve("data");
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data))) {
            TestSecurity security = new TestSecurity(terminal.store());
            String viewer = security.token(Role.VIEWER);
            String sysadmin = security.token(Role.SYSTEM_ADMINISTRATOR);
            X509Certificate[] certificate = new X509Certificate[1];
            Path keystore = keystore(dir.resolve("api.p12"), remote.get(), certificate);
            String address = TerminalApi.start(terminal, new ApiBinding("0.0.0.0", 0, Optional.of(new ApiBinding.Tls(keystore, PASSWORD))),
                    security.access, List.of(), LogTail.NONE);
            String port = address.substring(address.lastIndexOf(':') + 1);
            HttpClient client = trusting(certificate[0]);
            String far = "https://" + remote.get().getHostAddress() + ":" + port;
            String near = "https://127.0.0.1:" + port;

            assertEquals(200, get(client, far + "/api/status", viewer).statusCode(), "the plant network reads before the cut-off");
            HttpResponse<String> cut = post(client, far + "/api/cutoff", sysadmin, "{\"reason\":\"ordered by the centre\"}");
            assertEquals(200, cut.statusCode(), cut.body());
            for (String path : List.of("/api/status", "/metrics", "/api/system", "/api/cutoff")) {
                HttpResponse<String> r = get(client, far + path, viewer);
                assertEquals(403, r.statusCode(), path + ": " + r.body());
                assertTrue(r.body().contains("cut off"), r.body());
            }
            assertEquals(403, post(client, far + "/api/cutoff/lift", sysadmin, "{}").statusCode(), "lifted only on the machine");
            assertEquals(403, post(client, far + "/api/login", null, "{\"username\":\"sysadmin\",\"password\":\"x\"}").statusCode(),
                    "no signing in from afar either");
            assertTrue(security.events("access.refused").stream().anyMatch(e -> e.detail().equals("remote access cut off")
                    && e.source().equals(remote.get().getHostAddress())));
            assertEquals(200, get(client, near + "/api/status", viewer).statusCode(), "the machine itself still reads");
            assertEquals(200, post(client, near + "/api/cutoff/lift", sysadmin, "{}").statusCode());
            assertEquals(200, get(client, far + "/api/status", viewer).statusCode(), "remote access is back");
        }
    }

    private static boolean up(NetworkInterface n) {
        try {
            return n.isUp() && !n.isLoopback();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A self-signed EC certificate for 127.0.0.1 and {@code remote}, with its key, in a PKCS12 file. */
    private static Path keystore(Path file, InetAddress remote, X509Certificate[] made) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=tanhe-test-terminal");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, remote.getHostAddress())}));
        made[0] = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("api", pair.getPrivate(), PASSWORD, new X509Certificate[] {made[0]});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    private static HttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("api", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
