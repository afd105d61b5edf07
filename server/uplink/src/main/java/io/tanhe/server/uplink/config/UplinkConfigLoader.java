package io.tanhe.server.uplink.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.engine.units.Unit;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the uplink configuration (docs/uplink.md) from a YAML/JSON file or from the {@code uplink:}
 * block of another file (the site file), checks it whole and reports every problem under its field
 * path, e.g. {@code uplink.centres[1].address: '127.0.0.1' is not host:port}.
 */
public final class UplinkConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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

    private UplinkConfigLoader() {
    }

    /**
     * Loads a file whose top level is the uplink block ({@code centres: …}); profile and TLS files are
     * resolved against the file's directory.
     *
     * @throws InvalidUplinkConfigException listing every problem
     * @throws IOException                  when the file cannot be read
     */
    public static UplinkConfig load(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "syntax" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidUplinkConfigException(file.toString(), List.of(where + ": "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("invalid")));
        }
        Path base = file.toAbsolutePath().getParent();
        return read(root == null ? YAML.createObjectNode() : root, "", base, file.toString());
    }

    /**
     * Reads an uplink block that is part of a larger document (e.g. the site file's {@code uplink:}).
     *
     * @param block   the block's tree (Jackson); null or missing means no centres
     * @param path    the block's path in the document, e.g. {@code uplink}, prefixed to every problem
     * @param baseDir directory against which profile and TLS files are resolved
     * @param origin  the document's name, for the message
     * @throws InvalidUplinkConfigException listing every problem
     */
    public static UplinkConfig read(JsonNode block, String path, Path baseDir, String origin) {
        if (block == null || block.isNull() || block.isMissingNode()) {
            return UplinkConfig.NONE;
        }
        List<String> problems = new ArrayList<>();
        if (!block.isObject()) {
            throw new InvalidUplinkConfigException(origin, List.of((path.isEmpty() ? "(top)" : path)
                    + ": must be an object with centres:"));
        }
        ConfigNode top = new ConfigNode(block, path, problems);
        top.onlyFields(TOP);
        List<CentreConfig> centres = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode c : top.objects("centres")) {
            c.text("id").filter(id -> !ids.add(id))
                    .ifPresent(id -> c.problem("id", "'" + id + "' is already the id of another centre"));
            centre(c, baseDir).ifPresent(centres::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidUplinkConfigException(origin, problems.stream().map(UplinkConfigLoader::withoutSecret).toList());
        }
        return new UplinkConfig(centres);
    }

    /**
     * A problem of a secret field (a TLS password) without the value it quotes, e.g. {@code
     * centres[1].tls.key_store_password: must be text, not (not shown)}: a secret is never printed.
     */
    public static String withoutSecret(String problem) {
        int colon = problem.indexOf(": ");
        if (colon < 0 || !problem.substring(0, colon).matches("(?i).*(password|passwd|secret)[A-Za-z0-9_]*")) {
            return problem;
        }
        return problem.substring(0, colon) + problem.substring(colon).replaceAll("'.*'", "(not shown)");
    }

    private static Optional<CentreConfig> centre(ConfigNode c, Path base) {
        int before = problemsMark(c);
        c.onlyFields(CENTRE);
        Optional<String> id = c.requiredText("id");
        id.filter(v -> !v.matches(ID)).ifPresent(v -> c.problem("id",
                "'" + v + "' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        Optional<Protocol> protocol = c.requiredText("protocol").flatMap(p -> {
            Optional<Protocol> found = Protocol.of(p);
            if (found.isEmpty()) {
                c.problem("protocol", "'" + p + "' is not a protocol; use hj212-tcp or https");
            }
            return found;
        });
        Optional<String> address = c.requiredText("address");
        protocol.ifPresent(p -> address.ifPresent(a -> checkAddress(c, p, a)));
        PlatformProfile profile = protocol.filter(p -> p == Protocol.HJ212_TCP).map(p -> profile(c, base)).orElse(null);
        String terminalId = protocol.filter(p -> p == Protocol.HTTPS).flatMap(p -> c.requiredText("terminal_id")).orElse(null);
        protocol.filter(p -> p == Protocol.HTTPS && c.has("profile"))
                .ifPresent(p -> c.problem("profile", "only hj212-tcp centres have an HJ 212 profile"));
        protocol.filter(p -> p == Protocol.HJ212_TCP && c.has("terminal_id"))
                .ifPresent(p -> c.problem("terminal_id", "only https centres have a terminal_id (HJ 212 uses the profile's MN)"));
        protocol.filter(p -> p == Protocol.HJ212_TCP && c.has("tls"))
                .ifPresent(p -> c.problem("tls", "only https centres use TLS"));
        List<IndicatorConfig> indicators = indicators(c, protocol.orElse(null));
        Schedules schedules = c.object("schedules").map(UplinkConfigLoader::schedules).orElse(Schedules.DEFAULT);
        if (profile != null && schedules.monthly().isPresent() && DataKind.MONTHLY.cn(profile.commands()).isEmpty()) {
            c.problem("schedules.monthly", "profile " + profile.name() + " has no CN for monthly data "
                    + "(HJ 212-2017 defines none): set commands.monthly in the profile or remove the monthly schedule");
        }
        DeliveryPolicy delivery = delivery(c);
        if (schedules.realtime().isPresent() && delivery.backoffMax().compareTo(schedules.realtime().get().interval()) > 0) {
            c.problem("backoff.max", delivery.backoffMax() + " is longer than the real-time interval "
                    + schedules.realtime().get().interval() + "; a recovered centre would miss the next upload window");
        }
        TlsConfig tls = c.object("tls").map(t -> tls(t, base)).orElse(TlsConfig.DEFAULT);
        if (problemsMark(c) != before || id.isEmpty() || protocol.isEmpty() || address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CentreConfig(id.get(), protocol.get(), address.get(), profile, terminalId, indicators,
                schedules, delivery, tls));
    }

    /** How many problems are recorded so far; problems are only ever appended, so a larger count means new ones. */
    private static int problemsMark(ConfigNode c) {
        return c.problemCount();
    }

    private static void checkAddress(ConfigNode c, Protocol p, String a) {
        if (p == Protocol.HJ212_TCP) {
            int colon = a.lastIndexOf(':');
            String port = colon < 0 ? "" : a.substring(colon + 1);
            if (colon <= 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                c.problem("address", "'" + a + "' is not host:port (e.g. 127.0.0.1:8212)");
            }
            return;
        }
        try {
            URI u = new URI(a);
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                c.problem("address", "'" + a + "' is not an https:// URL with a host (section 7.2.3 (6) requires HTTPS)");
            }
        } catch (URISyntaxException e) {
            c.problem("address", "'" + a + "' is not a URL: " + e.getReason());
        }
    }

    private static PlatformProfile profile(ConfigNode c, Path base) {
        Optional<String> file = c.requiredText("profile");
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
        List<ConfigNode> nodes = c.objects("indicators");
        if (nodes.isEmpty() && !c.has("indicators")) {
            c.problem("indicators", "is required: list the results to report, e.g. - {node: E, code: a05001}");
        }
        List<IndicatorConfig> out = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (ConfigNode n : nodes) {
            n.onlyFields(INDICATOR);
            Optional<String> node = n.requiredText("node");
            String key = n.text("key").orElse("");
            Optional<String> code = n.requiredText("code");
            code.ifPresent(v -> {
                if (protocol == Protocol.HJ212_TCP) {
                    FieldRules.cpName(v).ifPresent(problem -> n.problem("code", problem));
                }
                if (!codes.add(v)) {
                    n.problem("code", "'" + v + "' is already reported by another indicator of this centre");
                }
            });
            Optional<String> unit = n.text("unit");
            unit.ifPresent(u -> {
                try {
                    Unit.parse(u);
                } catch (RuntimeException e) {
                    n.problem("unit", "'" + u + "' is not a unit: " + e.getMessage());
                }
            });
            if (node.isPresent() && code.isPresent()) {
                out.add(new IndicatorConfig(node.get(), key, code.get(), unit.orElse(null)));
            }
        }
        return out;
    }

    private static Schedules schedules(ConfigNode s) {
        s.onlyFields(SCHEDULES);
        RealtimeSchedule realtime = s.object("realtime").map(UplinkConfigLoader::realtime).orElse(null);
        LocalTime daily = s.object("daily").map(d -> {
            d.onlyFields(DAILY);
            return d.timeOfDay("at").orElse(LocalTime.of(0, 30));
        }).orElse(null);
        Schedules.MonthlySchedule monthly = s.object("monthly").map(m -> {
            m.onlyFields(MONTHLY);
            return new Schedules.MonthlySchedule(m.integer("day", 1, 28).orElse(1), m.timeOfDay("at").orElse(LocalTime.of(1, 0)));
        }).orElse(null);
        return new Schedules(realtime, daily, monthly);
    }

    private static RealtimeSchedule realtime(ConfigNode r) {
        r.onlyFields(REALTIME);
        Duration interval = r.duration("interval").orElse(RealtimeSchedule.DEFAULT.interval());
        Duration delay = r.duration("delay").orElse(RealtimeSchedule.DEFAULT.delay());
        if (interval.compareTo(RealtimeSchedule.MIN_INTERVAL) < 0 || interval.compareTo(RealtimeSchedule.MAX_INTERVAL) > 0) {
            r.problem("interval", interval + " is outside 30s-3600s (the range of HJ 212 RtdInterval)");
        }
        if (delay.isNegative() || delay.compareTo(interval) >= 0) {
            r.problem("delay", delay + " must be at least 0 and shorter than the interval " + interval);
        }
        return new RealtimeSchedule(interval, delay);
    }

    private static DeliveryPolicy delivery(ConfigNode c) {
        DeliveryPolicy d = DeliveryPolicy.DEFAULT;
        Duration timeout = c.duration("timeout").orElse(d.timeout());
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(99)) > 0) {
            c.problem("timeout", timeout + " is outside 100ms-99s (HJ 212 OverTime is at most 99 s)");
        }
        int retries = c.integer("retries", 0, 99).orElse(d.retries());
        Duration initial = d.backoffInitial();
        Duration max = d.backoffMax();
        Optional<ConfigNode> backoff = c.object("backoff");
        if (backoff.isPresent()) {
            ConfigNode b = backoff.get();
            b.onlyFields(BACKOFF);
            initial = b.duration("initial").orElse(initial);
            max = b.duration("max").orElse(max);
            if (initial.isZero() || initial.isNegative()) {
                b.problem("initial", "must be longer than 0");
            }
            if (max.compareTo(initial) < 0) {
                b.problem("max", max + " is shorter than initial " + initial);
            }
        }
        int batch = c.integer("batch_size", 1, 1000).orElse(d.batchSize());
        return new DeliveryPolicy(timeout, retries, initial, max, batch);
    }

    private static TlsConfig tls(ConfigNode t, Path base) {
        t.onlyFields(TLS);
        Path trust = t.text("trust_store").map(base::resolve).orElse(null);
        Path key = t.text("key_store").map(base::resolve).orElse(null);
        if (trust != null && !Files.isReadable(trust)) {
            t.problem("trust_store", "cannot read " + trust);
        }
        if (key != null && !Files.isReadable(key)) {
            t.problem("key_store", "cannot read " + key);
        }
        String type = t.text("store_type").orElse("PKCS12");
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            t.problem("store_type", "'" + type + "' must be PKCS12 or JKS");
        }
        return new TlsConfig(trust, t.text("trust_store_password").orElse(""), key,
                t.text("key_store_password").orElse(""), type);
    }
}
