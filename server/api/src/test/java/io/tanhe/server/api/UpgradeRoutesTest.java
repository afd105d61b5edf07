package io.tanhe.server.api;

import io.tanhe.server.packages.PackageKind;
import io.tanhe.server.packages.ReleasePackage;
import io.tanhe.server.packages.SignerRole;
import io.tanhe.server.packages.SigningKey;
import io.tanhe.server.packages.TrustPolicy;
import io.tanhe.server.packages.TrustStore;
import io.tanhe.server.packages.TrustedKey;
import io.tanhe.server.packages.release.InstallRoot;
import io.tanhe.server.packages.release.Upgrader;
import io.tanhe.server.security.access.Role;
import io.tanhe.server.security.audit.AuditEntry;
import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.audit.AuditQuery;
import io.tanhe.server.terminal.DemoRuns;
import io.tanhe.server.terminal.Terminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote upgrade over HTTP: refusals, an upgrade, a rollback, each audited and each asking for a restart. */
@Tag("slow")
@Timeout(120)
class UpgradeRoutesTest {
    private static final SigningKey VENDOR = SigningKey.generate("Tanhe release team");
    private static final SigningKey STRANGER = SigningKey.generate("Someone else");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aSystemAdministratorUpgradesAndRollsBackWhileRefusalsChangeNothing() throws Exception {
        Path data = dir.resolve("data");
        try (Terminal terminal = DemoRuns.open(dir.resolve("site"), data, s -> s, DemoRuns.settings(data))) {
            new TrustStore(data, terminal.identity()).save(TrustPolicy.defaults().withKey(new TrustedKey(VENDOR.name(),
                    VENDOR.publicKey(), Set.of(PackageKind.APPLICATION, PackageKind.COMPONENT), Set.of())));
            TestSecurity security = new TestSecurity(terminal.store());
            String sysadmin = security.token(Role.SYSTEM_ADMINISTRATOR);
            String viewer = security.token(Role.VIEWER);
            InstallRoot root = new InstallRoot(dir.resolve("opt-tanhe"));
            AtomicInteger restarts = new AtomicInteger();
            String api = TerminalApi.start(terminal, ApiBinding.plain("127.0.0.1", 0), security.access, List.of(), LogTail.NONE,
                    (s, o, secure) -> List.of(), new ReleaseUpgrades(terminal,
                            new Upgrader(root, Clock.systemUTC(), Duration.ofMinutes(3), 3), restarts::incrementAndGet));

            HttpResponse<String> untrusted = upload(api + "/api/upgrade", sysadmin, release("0.2.0", STRANGER));
            assertEquals(400, untrusted.statusCode(), untrusted.body());
            assertTrue(untrusted.body().contains("\"check\":\"untrusted_key\""), untrusted.body());
            HttpResponse<String> wrongKind = upload(api + "/api/upgrade", sysadmin, pkg(PackageKind.COMPONENT, "drivers", "1.0", VENDOR));
            assertEquals(400, wrongKind.statusCode(), wrongKind.body());
            assertTrue(wrongKind.body().contains("\"check\":\"wrong_kind\""), wrongKind.body());
            assertEquals(403, upload(api + "/api/upgrade", viewer, release("0.2.0", VENDOR)).statusCode(), "a viewer may not upgrade");
            assertEquals(0, restarts.get());
            assertEquals(Optional.empty(), root.currentVersion());

            HttpResponse<String> up = upload(api + "/api/upgrade", sysadmin, release("0.2.0", VENDOR));
            assertEquals(200, up.statusCode(), up.body());
            assertTrue(up.body().contains("\"phase\":\"probation\"") && up.body().contains("\"restarting\":true"), up.body());
            assertEquals(1, restarts.get());
            assertEquals(Optional.of("0.2.0"), root.currentVersion());
            try (var left = Files.list(root.incoming())) {
                assertEquals(0, left.count(), "the upload is deleted once installed");
            }

            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(api + "/api/upgrade")).GET(), sysadmin);
            assertTrue(status.body().contains("\"current\":\"0.2.0\""), status.body());

            HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(api + "/api/upgrade/rollback"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), sysadmin);
            assertEquals(200, back.statusCode(), back.body());
            assertTrue(back.body().contains("\"phase\":\"rolled_back\""), back.body());
            assertEquals(2, restarts.get());
            assertEquals(Optional.empty(), root.currentVersion());

            List<AuditEntry> audited = terminal.audit().query(AuditQuery.all(), io.tanhe.server.security.audit.AuditActor.local("secaudit"))
                    .entries().stream().filter(e -> e.event().type().startsWith("upgrade.")).toList();
            assertEquals(List.of("upgrade.install FAILURE", "upgrade.install FAILURE", "upgrade.install SUCCESS", "upgrade.rollback SUCCESS"),
                    audited.stream().map(e -> e.event().type() + " " + e.event().outcome()).sorted().toList());
            assertTrue(audited.stream().allMatch(e -> e.event().source().equals("127.0.0.1")));
            assertTrue(audited.stream().anyMatch(e -> e.event().outcome() == AuditOutcome.SUCCESS
                    && e.event().detail().startsWith("from the base build to 0.2.0")), audited.toString());
        }
    }

    private Path release(String version, SigningKey key) throws Exception {
        return pkg(PackageKind.APPLICATION, "tanhe", version, key);
    }

    private Path pkg(PackageKind kind, String id, String version, SigningKey key) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + id + version + key.name().length() + "/lib"));
        Files.writeString(src.resolve("tanhe.jar"), "program " + version);
        Path out = dir.resolve(id + "-" + version + "-" + key.name().length() + ".tpkg");
        ReleasePackage.build(src.getParent(), kind, id, version, "", "test", Instant.now(), out);
        ReleasePackage.sign(out, key, SignerRole.AUTHOR);
        return out;
    }

    private static HttpResponse<String> upload(String url, String token, Path file) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
