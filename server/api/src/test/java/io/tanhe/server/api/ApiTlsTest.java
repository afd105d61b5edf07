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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API over TLS with a real TLS client: a certificate made here with Bouncy Castle, in a PKCS12 keystore
 * the API is given; a client that trusts it, one that does not, and plain HTTP against the TLS port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiTlsTest {
    private static final char[] PASSWORD = "test-keystore-pw".toCharArray();

    @TempDir
    static Path dir;

    private Terminal terminal;
    private ApiServer api;
    private String token;
    private X509Certificate certificate;

    @BeforeAll
    void start() throws Exception {
        Path data = dir.resolve("data");
        terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data));
        TestSecurity security = new TestSecurity(terminal.store());
        token = security.token(Role.VIEWER);
        Path keystore = keystore(dir.resolve("api.p12"));
        api = ApiServer.start(new ApiBinding("127.0.0.1", 0, Optional.of(new ApiBinding.Tls(keystore, PASSWORD))),
                new ApiServer.Sources(terminal.site(), terminal.store(), TerminalApi.status(terminal)), security.access);
    }

    @AfterAll
    void stop() {
        api.stop();
        terminal.close();
    }

    /** A self-signed EC certificate for 127.0.0.1 and localhost, with its key, in a PKCS12 file. */
    private Path keystore(Path file) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=tanhe-test-terminal");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("api", pair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    private HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("api", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void aClientTrustingTheCertificateReadsWithHstsAndSecureCookies() throws Exception {
        assertTrue(api.address().startsWith("https://127.0.0.1:"), api.address());
        HttpClient client = trusting();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/status"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("max-age=31536000", r.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertTrue(r.sslSession().orElseThrow().getProtocol().matches("TLSv1\\.[23]"), r.sslSession().get().getProtocol());
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody\",\"password\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, login.statusCode());
    }

    @Test
    void aClientThatDoesNotTrustItAndPlainHttpGetNothing() {
        HttpClient strict = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> strict.send(HttpRequest.newBuilder(URI.create(api.address() + "/api/status"))
                .build(), HttpResponse.BodyHandlers.ofString()));
        String plain = api.address().replace("https://", "http://");
        try {
            HttpResponse<String> r = strict.send(HttpRequest.newBuilder(URI.create(plain + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), "plain HTTP to the TLS port is not served: " + r.body());
        } catch (IOException | InterruptedException e) {
            // refused at the TLS layer: also nothing served
        }
    }

    @Test
    void aWrongKeystorePasswordStopsTheStartWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> ApiServer.start(new ApiBinding("127.0.0.1", 0,
                Optional.of(new ApiBinding.Tls(dir.resolve("api.p12"), "wrong".toCharArray()))),
                new ApiServer.Sources(terminal.site(), terminal.store(), TerminalApi.status(terminal)), new TestSecurity(terminal.store()).access));
        assertTrue(e.getMessage().contains("cannot read the TLS keystore"), e.getMessage());
    }
}
