package io.tanhe.server.uplink.config;

import io.tanhe.engine.units.Unit;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.ConfigPlace;
import io.tanhe.grammar.config.Durations;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.hj212.FieldRules;
import io.tanhe.server.hj212.message.DataKind;
import io.tanhe.server.hj212.profile.InvalidProfileException;
import io.tanhe.server.hj212.profile.PlatformProfile;
import io.tanhe.server.hj212.profile.PlatformProfiles;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the uplink configuration (docs/uplink.md) from a YAML/JSON file or from the {@code uplink:}
 * block of another file (the site file), checks it whole and reports every problem at its file, line
 * and field path, e.g. {@code site.yaml:40:7: uplink.centres[1].address: `127.0.0.1` is not host:port (e.g. 127.0.0.1:8212)}.
 */
public final class UplinkConfigLoader {
    private static final Set<String> TOP = Set.of("centres");
    private static final Set<String> CENTRE = Set.of("id", "protocol", "address", "profile", "terminal_id",
            "indicators", "schedules", "timeout", "retries", "backoff", "batch_size", "tls");
    private static final Set<String> INDICATOR = Set.of("node", "key", "code", "unit");
    private static final Set<String> SCHEDULES = Set.of("realtime", "daily", "monthly");
    private static final Set<String> REALTIME = Set.of("interval", "delay");
    private static final Set<String> DAILY = Set.of("at");
    private static final Set<String> MONTHLY = Set.of("day", "at");
    private static final Set<String> BACKOFF = Set.of("initial", "max");
    private static final Set<String> TLS = Set.of("trust_store", "trust_store_password", "key_store",
            "key_store_password", "store_type");
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    /** No uplink duration is read beyond this; the fields' own ranges are checked with their reasons. */
    private static final Duration LONGEST = Duration.ofDays(366);

    private UplinkConfigLoader() {
    }

    /**
     * Loads a file whose top level is the uplink block ({@code centres: …}); profile and TLS files are
     * resolved against the file's directory.
     *
     * @throws InvalidConfigException listing every problem
     * @throws IOException            when the file cannot be read
     */
    public static UplinkConfig load(Path file) throws IOException {
        ConfigNode root = ConfigNode.read(file);
        Optional<UplinkConfig> config = root.isAbsent() ? Optional.of(UplinkConfig.NONE)
                : read(root, file.toAbsolutePath().getParent());
        root.reportUnknownFields();
        root.throwIfProblems();
        return config.orElseThrow();
    }

    /**
     * Reads an uplink block: a whole file's top, or part of a larger document (the site file's
     * {@code uplink:}), whose problems then carry that document's file, lines and paths
     * ({@code uplink.centres[1].address}). Problems are recorded on the block's document; unknown
     * fields are reported by {@link ConfigNode#reportUnknownFields()} of the document's top.
     *
     * @param baseDir directory against which profile and TLS files are resolved
     * @return the configuration ({@link UplinkConfig#NONE} for an empty block), or empty when the block has a problem
     */
    public static Optional<UplinkConfig> read(ConfigNode block, Path baseDir) {
        if (block.isAbsent()) {
            return Optional.of(UplinkConfig.NONE);
        }
        if (!block.isObject()) {
            block.problem("must be an object with `centres:`, not " + ConfigNode.describe(block.json()));
            return Optional.empty();
        }
        int before = block.problemCount();
        block.allow(TOP);
        List<CentreConfig> centres = new ArrayList<>();
        Map<String, ConfigNode> ids = new HashMap<>();
        for (ConfigNode c : block.list("centres")) {
            c.optionalText("id").ifPresent(id -> {
                ConfigNode first = ids.putIfAbsent(id, c);
                if (first != null) {
                    c.problem("id", "`" + id + "` is already the id of " + first.path());
                }
            });
            centre(c, baseDir).ifPresent(centres::add);
        }
        return block.problemCount() > before ? Optional.empty() : Optional.of(new UplinkConfig(centres));
    }

    private static Optional<CentreConfig> centre(ConfigNode c, Path base) {
        int before = c.problemCount();
        c.allow(CENTRE);
        Optional<String> id = c.requiredText("id", "");
        id.filter(v -> !v.matches(ID)).ifPresent(v -> c.problem("id",
                "`" + v + "` may only contain letters, digits and . _ - (at most 64) and must start with a letter or digit"));
        Optional<Protocol> protocol = c.requiredText("protocol", "hj212-tcp or https").flatMap(p -> {
            Optional<Protocol> found = Protocol.of(p);
            if (found.isEmpty()) {
                c.problem("protocol", "`" + p + "` is not a protocol; use hj212-tcp or https",
                        ConfigNode.nearest(p, List.of("hj212-tcp", "https")));
            }
            return found;
        });
        Optional<String> address = c.requiredText("address", "");
        protocol.ifPresent(p -> address.ifPresent(a -> checkAddress(c, p, a)));
        PlatformProfile profile = protocol.filter(p -> p == Protocol.HJ212_TCP).map(p -> profile(c, base)).orElse(null);
        String terminalId = protocol.filter(p -> p == Protocol.HTTPS).flatMap(p -> c.requiredText("terminal_id", "")).orElse(null);
        protocol.filter(p -> p == Protocol.HTTPS && c.has("profile"))
                .ifPresent(p -> c.problem("profile", "only hj212-tcp centres have an HJ 212 profile"));
        protocol.filter(p -> p == Protocol.HJ212_TCP && c.has("terminal_id"))
                .ifPresent(p -> c.problem("terminal_id", "only https centres have a terminal_id (HJ 212 uses the profile's MN)"));
        protocol.filter(p -> p == Protocol.HJ212_TCP && c.has("tls"))
                .ifPresent(p -> c.problem("tls", "only https centres use TLS"));
        List<IndicatorConfig> indicators = indicators(c, protocol.orElse(null));
        Optional<ConfigNode> scheduleNode = c.object("schedules");
        Schedules schedules = scheduleNode.map(UplinkConfigLoader::schedules).orElse(Schedules.DEFAULT);
        if (profile != null && schedules.monthly().isPresent() && DataKind.MONTHLY.cn(profile.commands()).isEmpty()) {
            scheduleNode.orElseThrow().problem("monthly", "profile " + profile.name() + " has no CN for monthly data "
                    + "(HJ 212-2017 defines none): set commands.monthly in the profile or remove the monthly schedule");
        }
        Optional<ConfigNode> backoff = c.object("backoff");
        DeliveryPolicy delivery = delivery(c, backoff);
        if (schedules.realtime().isPresent() && delivery.backoffMax().compareTo(schedules.realtime().get().interval()) > 0) {
            ConfigPlace max = backoff.map(b -> b.placeOf("max")).orElse(c.placeOf("backoff").withPath(c.pathOf("backoff") + ".max"));
            c.problem(max, "`" + Durations.format(delivery.backoffMax()) + "` is longer than the real-time interval "
                    + Durations.format(schedules.realtime().get().interval())
                    + "; a recovered centre would miss the next upload window", Optional.empty());
        }
        TlsConfig tls = c.object("tls").map(t -> tls(t, base)).orElse(TlsConfig.DEFAULT);
        if (c.problemCount() != before || id.isEmpty() || protocol.isEmpty() || address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CentreConfig(id.get(), protocol.get(), address.get(), profile, terminalId, indicators,
                schedules, delivery, tls));
    }

    private static void checkAddress(ConfigNode c, Protocol p, String a) {
        if (p == Protocol.HJ212_TCP) {
            int colon = a.lastIndexOf(':');
            String port = colon < 0 ? "" : a.substring(colon + 1);
            if (colon <= 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                c.problem("address", "`" + a + "` is not host:port (e.g. 127.0.0.1:8212)");
            }
            return;
        }
        try {
            URI u = new URI(a);
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                c.problem("address", "`" + a + "` is not an https:// URL with a host (section 7.2.3 (6) requires HTTPS)");
            }
        } catch (URISyntaxException e) {
            c.problem("address", "`" + a + "` is not a URL: " + e.getReason());
        }
    }

    private static PlatformProfile profile(ConfigNode c, Path base) {
        Optional<String> file = c.requiredText("profile", "the HJ 212 platform profile file");
        if (file.isEmpty()) {
            return null;
        }
        Path p = base.resolve(file.get());
        try {
            return PlatformProfiles.load(p);
        } catch (InvalidProfileException e) {
            e.problems().forEach(problem -> c.problem("profile", p + ": " + problem));
        } catch (IOException e) {
            c.problem("profile", "cannot read " + p + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return null;
    }

    private static List<IndicatorConfig> indicators(ConfigNode c, Protocol protocol) {
        List<ConfigNode> nodes = c.list("indicators");
        if (nodes.isEmpty() && !c.has("indicators")) {
            c.problem("indicators", "is required: list the results to report, e.g. - {node: E, code: a05001}");
        }
        List<IndicatorConfig> out = new ArrayList<>();
        Map<String, ConfigNode> codes = new HashMap<>();
        for (ConfigNode n : nodes) {
            n.allow(INDICATOR);
            Optional<String> node = n.requiredText("node", "");
            String key = n.text("key", "");
            Optional<String> code = n.requiredText("code", "");
            code.ifPresent(v -> {
                if (protocol == Protocol.HJ212_TCP) {
                    FieldRules.cpName(v).ifPresent(problem -> n.problem("code", problem));
                }
                ConfigNode first = codes.putIfAbsent(v, n);
                if (first != null) {
                    n.problem("code", "`" + v + "` is already the code of " + first.path());
                }
            });
            Optional<String> unit = n.optionalText("unit");
            unit.ifPresent(u -> {
                try {
                    Unit.parse(u);
                } catch (RuntimeException e) {
                    n.problem("unit", "`" + u + "` is not a unit: " + e.getMessage());
                }
            });
            if (node.isPresent() && code.isPresent()) {
                out.add(new IndicatorConfig(node.get(), key, code.get(), unit.orElse(null)));
            }
        }
        return out;
    }

    private static Schedules schedules(ConfigNode s) {
        s.allow(SCHEDULES);
        RealtimeSchedule realtime = s.object("realtime").map(UplinkConfigLoader::realtime).orElse(null);
        LocalTime daily = s.object("daily").map(d -> {
            d.allow(DAILY);
            return d.timeOfDay("at").orElse(LocalTime.of(0, 30));
        }).orElse(null);
        Schedules.MonthlySchedule monthly = s.object("monthly").map(m -> {
            m.allow(MONTHLY);
            return new Schedules.MonthlySchedule(m.integer("day", 1, 1, 28), m.timeOfDay("at").orElse(LocalTime.of(1, 0)));
        }).orElse(null);
        return new Schedules(realtime, daily, monthly);
    }

    private static RealtimeSchedule realtime(ConfigNode r) {
        r.allow(REALTIME);
        Duration interval = r.optionalDuration("interval", Duration.ZERO, LONGEST).orElse(RealtimeSchedule.DEFAULT.interval());
        Duration delay = r.optionalDuration("delay", Duration.ZERO, LONGEST).orElse(RealtimeSchedule.DEFAULT.delay());
        if (interval.compareTo(RealtimeSchedule.MIN_INTERVAL) < 0 || interval.compareTo(RealtimeSchedule.MAX_INTERVAL) > 0) {
            r.problem("interval", "`" + Durations.format(interval) + "` is outside " + Durations.format(RealtimeSchedule.MIN_INTERVAL)
                    + " … " + Durations.format(RealtimeSchedule.MAX_INTERVAL) + " (the range of HJ 212 RtdInterval)");
        }
        if (delay.compareTo(interval) >= 0) {
            r.problem("delay", "`" + Durations.format(delay) + "` must be shorter than the interval " + Durations.format(interval));
        }
        return new RealtimeSchedule(interval, delay);
    }

    private static DeliveryPolicy delivery(ConfigNode c, Optional<ConfigNode> backoff) {
        DeliveryPolicy d = DeliveryPolicy.DEFAULT;
        Duration timeout = c.optionalDuration("timeout", Duration.ZERO, LONGEST).orElse(d.timeout());
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(99)) > 0) {
            c.problem("timeout", "`" + Durations.format(timeout) + "` is outside 100ms … 99s (HJ 212 OverTime is at most 99 s)");
        }
        int retries = c.integer("retries", d.retries(), 0, 99);
        Duration initial = d.backoffInitial();
        Duration max = d.backoffMax();
        if (backoff.isPresent()) {
            ConfigNode b = backoff.get();
            b.allow(BACKOFF);
            initial = b.optionalDuration("initial", Duration.ZERO, LONGEST).orElse(initial);
            max = b.optionalDuration("max", Duration.ZERO, LONGEST).orElse(max);
            if (initial.isZero()) {
                b.problem("initial", "must be longer than 0");
            }
            if (max.compareTo(initial) < 0) {
                b.problem("max", "`" + Durations.format(max) + "` is shorter than initial " + Durations.format(initial));
            }
        }
        int batch = c.integer("batch_size", d.batchSize(), 1, 1000);
        return new DeliveryPolicy(timeout, retries, initial, max, batch);
    }

    private static TlsConfig tls(ConfigNode t, Path base) {
        t.allow(TLS);
        Path trust = t.optionalText("trust_store").map(base::resolve).orElse(null);
        Path key = t.optionalText("key_store").map(base::resolve).orElse(null);
        if (trust != null && !Files.isReadable(trust)) {
            t.problem("trust_store", "cannot read " + trust);
        }
        if (key != null && !Files.isReadable(key)) {
            t.problem("key_store", "cannot read " + key);
        }
        String type = t.optionalText("store_type").orElse("PKCS12");
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            t.problem("store_type", "`" + type + "` is not one of PKCS12, JKS");
        }
        return new TlsConfig(trust, t.text("trust_store_password", ""), key, t.text("key_store_password", ""), type);
    }
}
