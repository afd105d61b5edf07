package io.tanhe.drivers.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.drivers.failover.FailoverSettings;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.InvalidConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads a points file (YAML, or JSON when the name ends in {@code .json}) into a
 * {@link DriverConfiguration}. Validates everything and reports every problem at once, each under
 * its field path; a file with any problem yields no sources.
 */
public final class PointsFileLoader {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Map<String, SourceType> types = new LinkedHashMap<>();

    /** A loader that knows exactly {@code types}: {@code io.tanhe.drivers.registry.SourceTypes.all()}, or a test's own. */
    public PointsFileLoader(List<SourceType> types) {
        for (SourceType t : types) {
            if (this.types.put(t.type(), t) != null) {
                throw new IllegalArgumentException("two source types claim type '" + t.type() + "'");
            }
        }
    }

    /**
     * Loads a file; relative paths inside it resolve against its directory.
     *
     * @throws InvalidConfigException listing every problem found
     * @throws IOException            when the file cannot be read
     */
    public DriverConfiguration load(Path file, Clock clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return loaded(ConfigNode.read(file), new ConfigContext(clock, dir));
    }

    /**
     * Loads points-file text.
     *
     * @param origin a name for messages (the file name); JSON when it ends in {@code .json}, else YAML
     * @throws InvalidConfigException listing every problem found
     */
    public DriverConfiguration parse(String text, String origin, ConfigContext ctx) {
        return loaded(ConfigNode.parse(text, origin), ctx);
    }

    private DriverConfiguration loaded(ConfigNode root, ConfigContext ctx) {
        Optional<DriverConfiguration> cfg = read(root, ctx);
        root.reportUnknownFields();
        if (root.problemCount() > 0) {
            cfg.ifPresent(DriverConfiguration::close);
            root.throwIfProblems();
        }
        return cfg.orElseThrow();
    }

    /**
     * Reads a points file's content from a node: a whole file, or a block of another file (the site
     * file's {@code drivers:}), whose problems then carry that file's lines and paths. Problems are
     * recorded on the node's document; unknown fields are reported by
     * {@link ConfigNode#reportUnknownFields()} of the caller's top node.
     *
     * @return the configuration, or empty when this block has a problem (nothing is left open)
     */
    public Optional<DriverConfiguration> read(ConfigNode top, ConfigContext ctx) {
        int before = top.problemCount();
        if (!top.isObject()) {
            top.problem(top.isAbsent() ? "is empty; it needs a `devices:` list"
                    : "must be an object with a `devices:` list, not " + ConfigNode.describe(top.json()));
            return Optional.empty();
        }
        if (!top.has("devices")) {
            top.problem("devices", "is required: a list of devices");
        }
        FailoverSettings failover = top.object("failover").map(FailoverSettingsReader::read).orElse(FailoverSettings.DEFAULT);
        List<ConfiguredSource> sources = new ArrayList<>();
        Map<String, String> backups = new LinkedHashMap<>();
        Map<String, ConfigNode> devices = new HashMap<>();
        for (ConfigNode device : top.list("devices")) {
            loadDevice(device, ctx, devices).ifPresent(d -> {
                sources.add(d.source());
                if (d.backup() != null) {
                    backups.put(d.source().id(), d.backup());
                }
            });
        }
        checkBackups(sources, backups, devices);
        checkPointIds(sources, backups, devices);
        if (top.problemCount() > before) {
            sources.forEach(s -> DriverConfiguration.closeQuietly(s.id(), closer(s)));
            ctx.sharedResources().forEach(c -> DriverConfiguration.closeQuietly("shared", c));
            return Optional.empty();
        }
        return Optional.of(new DriverConfiguration(top.file(), sources, backups, failover, ctx.sharedByKey()));
    }

    private record LoadedDevice(ConfiguredSource source, String backup) {
    }

    private Optional<LoadedDevice> loadDevice(ConfigNode node, ConfigContext ctx, Map<String, ConfigNode> devices) {
        if (node.has("model")) {
            String model = node.text("model");
            Optional<JsonNode> template = findTemplate(node, model);
            if (template.isEmpty()) {
                node.allow(node.fieldNames()); // without the template its fields cannot be told apart
                return Optional.empty();
            }
            checkTemplateType(node, template.get(), model);
            TemplateMerge.merge(node, model, template.get());
            node.texts("select");
            node.text("point_prefix", "");
        }
        String id = node.text("id");
        if (!id.isEmpty() && !DEVICE_ID.matcher(id).matches()) {
            node.problem("id", "`" + id + "` may only contain letters, digits and . _ - and must start with a letter or digit");
        } else if (!id.isEmpty() && devices.putIfAbsent(id, node) != null) {
            node.problem("id", "`" + id + "` is already the id of " + devices.get(id).path());
        }
        String type = node.text("type");
        String backup = node.text("backup", null);
        SourceType sourceType = types.get(type);
        if (sourceType == null) {
            if (!type.isEmpty()) {
                Optional<String> near = ConfigNode.nearest(type, types.keySet());
                node.problem("type", "unknown type `" + type + "`" + (near.isPresent() ? ""
                        : "; known types: " + String.join(", ", types.keySet())), near);
            }
            node.allow(node.fieldNames()); // which fields a device of no known type has cannot be told
            return Optional.empty();
        }
        ctx.creating(id);
        return Optional.of(new LoadedDevice(sourceType.create(id, node, ctx), backup));
    }

    private static Optional<JsonNode> findTemplate(ConfigNode device, String model) {
        try {
            Optional<JsonNode> t = Templates.find(model);
            if (t.isEmpty()) {
                device.problem("model", "no template for model `" + model + "` (looked for classpath resource "
                        + Templates.resourceOf(model) + ")");
            }
            return t;
        } catch (IllegalArgumentException e) {
            device.problem("model", e.getMessage());
            return Optional.empty();
        }
    }

    private static void checkTemplateType(ConfigNode device, JsonNode template, String model) {
        JsonNode allowed = template.path("types");
        String type = device.json().path("type").asText("");
        if (allowed.isArray() && !type.isEmpty()) {
            Set<String> names = new TreeSet<>();
            allowed.forEach(t -> names.add(t.asText()));
            if (!names.contains(type)) {
                device.problem("type", "model " + model + " is for types " + String.join(", ", names) + ", not `" + type + "`");
            }
        }
    }

    private static void checkBackups(List<ConfiguredSource> sources, Map<String, String> backups,
                                     Map<String, ConfigNode> devices) {
        Map<String, ConfiguredSource> byId = new HashMap<>();
        sources.forEach(s -> byId.put(s.id(), s));
        backups.forEach((primary, backup) -> {
            ConfigNode device = devices.get(primary);
            ConfiguredSource b = byId.get(backup);
            if (backup.equals(primary)) {
                device.problem("backup", "a device cannot be its own backup");
            } else if (b == null) {
                device.problem("backup", "no device `" + backup + "` in this file", ConfigNode.nearest(backup, byId.keySet()));
            } else if (backups.containsKey(backup)) {
                device.problem("backup", "`" + backup + "` has a backup of its own; chains of backups are not supported");
            } else if (b.points().stream().noneMatch(bp -> byId.get(primary).points().stream()
                    .anyMatch(pp -> pp.id().equals(bp.id())))) {
                device.problem("backup", "`" + backup + "` feeds none of the point ids of `" + primary
                        + "`; a backup must use the same point ids");
            }
        });
    }

    private static void checkPointIds(List<ConfiguredSource> sources, Map<String, String> backups,
                                      Map<String, ConfigNode> devices) {
        Map<String, List<String>> devicesOfPoint = new TreeMap<>();
        for (ConfiguredSource s : sources) {
            for (PointSettings p : s.points()) {
                devicesOfPoint.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(s.id());
            }
        }
        devicesOfPoint.forEach((point, feeding) -> {
            if (feeding.size() != feeding.stream().distinct().count()) {
                String twice = feeding.stream().filter(d -> feeding.indexOf(d) != feeding.lastIndexOf(d)).findFirst().orElseThrow();
                devices.get(twice).problem("point id `" + point + "` appears more than once");
                return;
            }
            boolean primaryAndBackup = feeding.size() == 2
                    && (feeding.get(1).equals(backups.get(feeding.get(0))) || feeding.get(0).equals(backups.get(feeding.get(1))));
            if (feeding.size() > 1 && !primaryAndBackup) {
                devices.get(feeding.get(1)).problem("point id `" + point + "` is also fed by `"
                        + String.join("`, `", feeding.stream().filter(d -> !d.equals(feeding.get(1))).toList()) + "`"
                        + "; only a device and its backup may share point ids");
            }
        });
    }

    private static AutoCloseable closer(ConfiguredSource s) {
        return s instanceof ConfiguredSource.Polled p ? p.device() : ((ConfiguredSource.Pushed) s).source();
    }
}
