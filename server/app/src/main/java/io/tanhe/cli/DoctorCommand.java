package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;
import io.tanhe.server.terminal.CutOff;
import io.tanhe.server.terminal.TerminalFile;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tanhe doctor}: local diagnosis (§8.1). Checks the data directory and the store, the clock, each device,
 * each data centre, the certificates and the disk, prints one line per finding and exits 0 when healthy, 1 when
 * not. On a running terminal it asks the terminal (its API on loopback, with the local viewer token) instead of
 * touching the store or the devices the terminal holds.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check a terminal's data directory and store, clock, devices, data centres, certificates and disk;",
                "print a report. Works on a stopped terminal (reads its store, polls each device once, connects to each",
                "centre) and on a running one (asks it over its API). See docs/operations.md."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:healthy (warnings allowed)", "1:some check failed", "2:bad arguments"})
public final class DoctorCommand implements Callable<Integer> {
    /** A disk with less free space than this is a warning (the store stops intake at its own, lower, reserve). */
    static final long LOW_DISK_BYTES = 1L << 30;
    /** A certificate expiring sooner than this is a warning. */
    static final Duration CERTIFICATE_NOTICE = Duration.ofDays(30);
    /** How far the newest stored measurement may lie ahead of the clock before the clock is suspect. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final Duration CONNECT = Duration.ofSeconds(3);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "the terminal's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--site", paramLabel = "FILE", description = "the site file (default: the version the terminal saved in its store)")
    Path siteFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "also check the expiry of the API's PKCS12 keystore")
    Path keystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "the keystore's password")
    Path passwordFile;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() {
        System.setProperty("tanhe.log.level", "WARN"); // the report is the output; the store's INFO lines are noise here
        Diagnosis d = new Diagnosis();
        if (!dataDirectory(d)) {
            d.print(System.out);
            return 1;
        }
        Optional<TerminalFile> running = TerminalFile.read(dataDir).filter(TerminalFile::processAlive);
        if (running.isPresent()) {
            runningTerminal(d, running.get());
        } else {
            stoppedTerminal(d);
        }
        disk(d);
        certificates(d);
        CutOff.read(dataDir).ifPresent(c -> d.warn("cut-off", "a remote cut-off stands since " + c.at() + " (by " + c.by()
                + "): nothing is uploaded; lift it with `tanhe cutoff lift` when that is right"));
        d.print(System.out);
        return d.healthy() ? 0 : 1;
    }

    /** The data directory exists, is a directory, is writable and private (0700). False when nothing more can be checked. */
    private boolean dataDirectory(Diagnosis d) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            d.fail("data directory", dir + " does not exist or is not a directory; give the terminal's --data-dir");
            return false;
        }
        if (!Files.isWritable(dir)) {
            d.fail("data directory", dir + " is not writable by " + System.getProperty("user.name") + "; run as the terminal's user");
            return false;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
            String shown = PosixFilePermissions.toString(p);
            if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                d.warn("data directory", dir + " is " + shown + ": others can look into the plant's data; chmod 700 " + dir);
            } else {
                d.ok("data directory", dir + " (" + shown + ", owner " + Files.getOwner(dir).getName() + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            d.ok("data directory", dir + " (permissions not readable here: " + e.getMessage() + ")");
        }
        return true;
    }

    private void stoppedTerminal(Diagnosis d) {
        if (!Engine.holdsStore(dataDir)) {
            d.fail("store", "no terminal store in " + dataDir.toAbsolutePath() + "; start the terminal once (tanhe run) or give"
                    + " the right --data-dir");
            return;
        }
        System.setProperty("derby.system.home", dataDir.toAbsolutePath().toString());
        try (JdbcStore store = JdbcStore.open(StoreSettings.at(dataDir))) {
            var health = store.health();
            Optional<Instant> latest = store.readings().latestMeasuredAt();
            if (health.ok()) {
                d.ok("store", "opens, takes writes; terminal stopped; latest reading "
                        + latest.map(Instant::toString).orElse("none yet"));
            } else {
                d.fail("store", health.state() + ": " + health.detail());
            }
            clock(d, latest);
            Site site;
            try {
                site = StoredSite.load(siteFile, store, dataDir);
            } catch (RuntimeException e) {
                d.skipped("devices", "no site to read them from: " + e.getMessage());
                return;
            }
            try {
                devices(d, site);
                centres(d, site.uplink().centres());
            } finally {
                site.close();
            }
        } catch (RuntimeException e) {
            d.fail("store", "cannot open the store in " + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** The clock is synchronised (where timedatectl says) and not behind the newest stored measurement. */
    private void clock(Diagnosis d, Optional<Instant> latest) {
        Instant now = Instant.now();
        if (latest.isPresent() && latest.get().isAfter(now.plus(CLOCK_SLACK))) {
            d.fail("clock", "the clock says " + now + " but a stored reading was measured at " + latest.get()
                    + ": the clock is behind (or a device's clock ahead); set the time (NTP) before running");
            return;
        }
        Optional<String> ntp = ntpSynchronised();
        if (ntp.isEmpty()) {
            d.ok("clock", now + "; not behind the stored data (synchronisation unknown: no timedatectl)");
        } else if (ntp.get().equals("yes")) {
            d.ok("clock", now + ", synchronised (NTP)");
        } else {
            d.warn("clock", now + ", NOT synchronised (timedatectl NTPSynchronized=" + ntp.get() + "): measurement times drift;"
                    + " enable NTP (timedatectl set-ntp true) or the platform's time calibration");
        }
    }

    private static Optional<String> ntpSynchronised() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value").redirectErrorStream(true).start();
            if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls each polled device once (the terminal is stopped, so nothing else talks to it). */
    private void devices(Diagnosis d, Site site) {
        for (ConfiguredSource s : site.drivers().sources()) {
            String check = "device " + s.id();
            switch (s) {
                case ConfiguredSource.Polled p -> {
                    List<Reading> readings;
                    try {
                        readings = p.device().poll(Instant.now());
                    } catch (RuntimeException e) {
                        d.fail(check, "polling failed: " + e.getMessage());
                        continue;
                    }
                    long bad = readings.stream().filter(r -> !r.quality().hasValue()).count();
                    if (readings.isEmpty()) {
                        d.warn(check, "answered no point");
                    } else if (bad == readings.size()) {
                        Reading first = readings.getFirst();
                        d.fail(check, "unreachable: " + first.quality() + " " + first.detail() + " (check its address, wiring and"
                                + " unit id; `tanhe read --config` shows every point)");
                    } else if (bad > 0) {
                        d.warn(check, (readings.size() - bad) + " of " + readings.size() + " points read; the others failed");
                    } else {
                        d.ok(check, "all " + readings.size() + " points read");
                    }
                }
                case ConfiguredSource.Pushed pushed -> d.skipped(check, pushed.source() instanceof io.tanhe.drivers.manual.ManualEntrySource
                        ? "entered by hand (tanhe manual enter); nothing to poll"
                        : "sends by itself (push); its readings show in /metrics once the terminal runs");
            }
        }
    }

    /** Opens a TCP connection to each centre (the HJ 212 socket, or the HTTPS host's port). */
    private void centres(Diagnosis d, List<CentreConfig> centres) {
        if (centres.isEmpty()) {
            d.skipped("centres", "the site names no data centre");
        }
        for (CentreConfig c : centres) {
            String check = "centre " + c.id();
            InetSocketAddress at;
            try {
                at = endpoint(c);
            } catch (IllegalArgumentException e) {
                d.fail(check, e.getMessage());
                continue;
            }
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(at, (int) CONNECT.toMillis());
                d.ok(check, c.protocol().text() + " " + c.address() + " reachable (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            } catch (IOException e) {
                d.fail(check, c.protocol().text() + " " + c.address() + " unreachable: " + e.getMessage()
                        + " (check the network, a firewall, the address in the site file)");
            }
        }
    }

    static InetSocketAddress endpoint(CentreConfig c) {
        if (c.protocol() == Protocol.HTTPS) {
            URI uri = URI.create(c.address());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("the address `" + c.address() + "` is not an https:// URL with a host");
            }
            return new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 443);
        }
        int colon = c.address().lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the address `" + c.address() + "` has no port; write host:port");
        }
        try {
            return new InetSocketAddress(c.address().substring(0, colon), Integer.parseInt(c.address().substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the address `" + c.address() + "` is not host:port: " + e.getMessage());
        }
    }

    /** Asks a running terminal: its status, its system state (workers, centres) and its per-device counters. */
    private void runningTerminal(Diagnosis d, TerminalFile terminal) {
        String api = terminal.apiAddress().orElse(null);
        if (api == null) {
            d.skipped("store", "a terminal (pid " + terminal.pid() + ") runs without an API: it holds the store; stop it to check more");
            return;
        }
        try {
            JsonNode status = json.readTree(get(api, "/api/status"));
            String state = status.path("store").path("state").asText();
            if (state.equals("OK")) {
                d.ok("store", "held by the running terminal (pid " + terminal.pid() + "), " + state + ", "
                        + status.path("store").path("queued").asInt() + " writes queued");
            } else {
                d.fail("store", state + ": " + status.path("store").path("detail").asText());
            }
            String watermark = status.path("watermark").asText(null);
            clock(d, watermark == null || watermark.equals("null") ? Optional.empty() : Optional.of(Instant.parse(watermark)));
            JsonNode system = json.readTree(get(api, "/api/system?lines=0"));
            system.path("workers").properties().forEach(w -> {
                if (w.getValue().asText().startsWith("dead")) {
                    d.fail("worker " + w.getKey(), w.getValue().asText());
                }
            });
            devicesOfRunning(d, get(api, "/metrics"));
            for (JsonNode c : system.path("centres")) {
                String check = "centre " + c.path("centre").asText();
                if (c.path("connected").asBoolean()) {
                    d.ok(check, "connected, backlog " + c.path("backlog").asLong());
                } else {
                    d.fail(check, "not connected, " + c.path("failures").asInt() + " failures in a row: " + c.path("lastError").asText("-"));
                }
            }
        } catch (IOException e) {
            d.fail("terminal", "a terminal (pid " + terminal.pid() + ") runs but its API at " + api + " does not answer: " + e.getMessage());
        }
    }

    /** A running terminal's devices from its counters: readings and failed readings since it started. */
    private static void devicesOfRunning(Diagnosis d, String metrics) {
        java.util.Map<String, double[]> devices = new java.util.TreeMap<>();
        for (String line : metrics.lines().toList()) {
            boolean readings = line.startsWith("tanhe_device_readings_total{");
            boolean failures = line.startsWith("tanhe_device_failures_total{");
            if (!readings && !failures) {
                continue;
            }
            int at = line.indexOf("device=\"") + 8;
            String device = line.substring(at, line.indexOf('"', at));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            devices.computeIfAbsent(device, k -> new double[2])[readings ? 0 : 1] = value;
        }
        devices.forEach((device, n) -> {
            if (device.startsWith("(")) {
                return;
            }
            String check = "device " + device;
            if (n[0] == 0) {
                d.warn(check, "no reading since the terminal started (a backup not in use, or a device that never answered)");
            } else if (n[1] == n[0]) {
                d.fail(check, "every one of its " + (long) n[0] + " readings failed since the terminal started");
            } else if (n[1] > 0) {
                d.warn(check, (long) n[1] + " of " + (long) n[0] + " readings failed since the terminal started");
            } else {
                d.ok(check, (long) n[0] + " readings, none failed, since the terminal started");
            }
        });
    }

    private String get(String api, String path) throws IOException {
        String token = Files.readString(dataDir.resolve(TerminalSecurity.CLI_TOKEN)).strip();
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT);
        if (api.startsWith("https://")) {
            try {
                client.sslContext(PinnedCertificate.context(dataDir));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot trust the terminal's certificate: " + e.getMessage(), e);
            }
        }
        String target = api.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
        try {
            HttpResponse<String> r = client.build().send(HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Free space of the data directory's file system. */
    private void disk(Diagnosis d) {
        try {
            FileStore fs = Files.getFileStore(dataDir);
            long free = fs.getUsableSpace();
            long total = fs.getTotalSpace();
            String shown = String.format(java.util.Locale.ROOT, "%.1f GiB free of %.1f GiB", free / 1073741824.0, total / 1073741824.0);
            long reserve = StoreSettings.at(dataDir).minFreeBytes();
            if (free < reserve) {
                d.fail("disk", shown + ": below the store's reserve of " + reserve / 1048576 + " MiB, so intake is stopped; free space"
                        + " (old logs, exports) — the store resumes by itself");
            } else if (free < LOW_DISK_BYTES || free < total / 10) {
                d.warn("disk", shown + ": low; the store stops intake below " + reserve / 1048576 + " MiB");
            } else {
                d.ok("disk", shown);
            }
        } catch (IOException e) {
            d.fail("disk", "cannot read the free space of " + dataDir + ": " + e.getMessage());
        }
    }

    /** Expiry of the API's pinned certificate, the device's certificate chain and an API keystore, where present. */
    private void certificates(Diagnosis d) {
        boolean any = false;
        for (String name : List.of(PinnedCertificate.FILE, io.tanhe.server.security.identity.DeviceIdentity.CHAIN_FILE)) {
            Path file = dataDir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            any = true;
            try (InputStream in = Files.newInputStream(file)) {
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    expiry(d, name, (X509Certificate) c);
                }
            } catch (IOException | java.security.GeneralSecurityException e) {
                d.fail("certificate " + name, "cannot read " + file + ": " + e.getMessage());
            }
        }
        if (keystore != null) {
            any = true;
            try (InputStream in = Files.newInputStream(keystore)) {
                char[] password = passwordFile == null ? new char[0] : Files.readString(passwordFile).strip().toCharArray();
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                for (String alias : java.util.Collections.list(ks.aliases())) {
                    if (ks.getCertificate(alias) instanceof X509Certificate c) {
                        expiry(d, keystore.getFileName() + " " + alias, c);
                    }
                }
            } catch (IOException | java.security.GeneralSecurityException e) {
                d.fail("certificate " + keystore, "cannot read the keystore: " + e.getMessage() + " (give --tls-password-file)");
            }
        }
        if (!any) {
            d.skipped("certificates", "none in the data directory (plain HTTP on loopback, no device certificate installed)");
        }
    }

    private static void expiry(Diagnosis d, String where, X509Certificate c) {
        String check = "certificate " + where;
        Instant notAfter = c.getNotAfter().toInstant();
        Duration left = Duration.between(Instant.now(), notAfter);
        String subject = c.getSubjectX500Principal().getName();
        if (left.isNegative()) {
            d.fail(check, subject + " expired at " + notAfter + "; renew it (docs/security.md)");
        } else if (left.compareTo(CERTIFICATE_NOTICE) < 0) {
            d.warn(check, subject + " expires at " + notAfter + " (" + left.toDays() + " days); renew it soon");
        } else {
            d.ok(check, subject + " valid until " + notAfter + " (" + left.toDays() + " days)");
        }
    }
}
