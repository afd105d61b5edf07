package io.tanhe.drivers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.drivers.ConfigException;
import io.tanhe.drivers.failover.FailoverSettings;

import java.io.IOException;
import java.nio.file.Files;
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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String text = Files.readString(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), file.toString().endsWith(".json"), new ConfigContext(clock, dir));
    }

    /**
     * Loads points-file text.
     *
     * @param origin a name for messages (the file name)
     * @param json   whether the text is JSON (else YAML)
     * @throws InvalidConfigException listing every problem found
     */
    public DriverConfiguration parse(String text, String origin, boolean json, ConfigContext ctx) {
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InvalidConfigException(origin, List.of(new ConfigProblem(where, e.getOriginalMessage().lines().findFirst().orElse("syntax error"))));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(origin, List.of(new ConfigProblem("",
                    "the file must be an object with a 'devices:' list")));
        }
        ConfigNode top = new ConfigNode(root, "", problems, Map.of());
        JsonNode devices = root.path("devices");
        if (!top.has("devices")) {
            top.problem("devices", "is required: a list of devices");
        } else if (!devices.isArray()) {
            top.problem("devices", "must be a list");
        }
        FailoverSettings failover = top.object("failover").map(FailoverSettingsReader::read).orElse(FailoverSettings.DEFAULT);
        List<ConfiguredSource> sources = new ArrayList<>();
        Map<String, String> backups = new LinkedHashMap<>();
        Map<String, String> devicePaths = new HashMap<>();
        for (int i = 0; devices.isArray() && i < devices.size(); i++) {
            String path = "devices[" + i + "]";
            if (!devices.get(i).isObject()) {
                problems.add(new ConfigProblem(path, "must be an object (key: value pairs)"));
                continue;
            }
            loadDevice((ObjectNode) devices.get(i), path, top, ctx, problems, devicePaths)
                    .ifPresent(d -> {
                        sources.add(d.source());
                        if (d.backup() != null) {
                            backups.put(d.source().id(), d.backup());
                        }
                    });
        }
        checkBackups(sources, backups, devicePaths, problems);
        checkPointIds(sources, backups, devicePaths, problems);
        top.reportUnknownFields();
        if (!problems.isEmpty()) {
            sources.forEach(s -> DriverConfiguration.closeQuietly(s.id(), closer(s)));
            ctx.sharedResources().forEach(c -> DriverConfiguration.closeQuietly("shared", c));
            throw new InvalidConfigException(origin, problems);
        }
        return new DriverConfiguration(origin, sources, backups, failover, ctx.sharedResources());
    }

    private record LoadedDevice(ConfiguredSource source, String backup) {
    }

    private Optional<LoadedDevice> loadDevice(ObjectNode site, String path, ConfigNode top, ConfigContext ctx,
                                              List<ConfigProblem> problems, Map<String, String> devicePaths) {
        String id = site.path("id").asText("");
        ObjectNode json = site;
        Map<String, String> origins = Map.of();
        String model = site.hasNonNull("model") ? site.get("model").asText() : null;
        if (model != null) {
            Optional<JsonNode> template = findTemplate(model, path, problems);
            if (template.isEmpty()) {
                return Optional.empty();
            }
            TemplateMerge.Result merged = TemplateMerge.merge(site, path, id, model, template.get(), problems);
            json = merged.device();
            origins = merged.fieldOrigins();
            checkTemplateType(template.get(), site, model, path, problems);
        }
        ConfigNode node = top.child(json, path, origins);
        id = node.text("id");
        if (!id.isEmpty() && !DEVICE_ID.matcher(id).matches()) {
            node.problem("id", "'" + id + "' may only contain letters, digits and . _ - and must start with a letter or digit");
        } else if (!id.isEmpty() && devicePaths.putIfAbsent(id, path) != null) {
            node.problem("id", "device id '" + id + "' is already used by " + devicePaths.get(id));
        }
        String type = node.text("type");
        String backup = node.text("backup", null);
        if (model != null) {
            node.text("model");
            node.texts("select");
            node.text("point_prefix", "");
        }
        SourceType sourceType = types.get(type);
        if (sourceType == null) {
            if (!type.isEmpty()) {
                node.problem("type", "unknown type '" + type + "'" + DidYouMean.hint(type, types.keySet())
                        + "; known types: " + String.join(", ", types.keySet()));
            }
            return Optional.empty();
        }
        try {
            return Optional.of(new LoadedDevice(sourceType.create(id, node, ctx), backup));
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(e.field(), e.getMessage().substring(e.field().length() + 2)));
            return Optional.empty();
        }
    }

    private Optional<JsonNode> findTemplate(String model, String path, List<ConfigProblem> problems) {
        try {
            Optional<JsonNode> t = Templates.find(model);
            if (t.isEmpty()) {
                problems.add(new ConfigProblem(path + ".model", "no template for model '" + model
                        + "' (looked for classpath resource " + Templates.resourceOf(model) + ")"));
            }
            return t;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(path + ".model", e.getMessage()));
            return Optional.empty();
        }
    }

    private static void checkTemplateType(JsonNode template, JsonNode site, String model, String path,
                                          List<ConfigProblem> problems) {
        JsonNode allowed = template.path("types");
        String type = site.path("type").asText("");
        if (allowed.isArray() && !type.isEmpty()) {
            Set<String> names = new TreeSet<>();
            allowed.forEach(t -> names.add(t.asText()));
            if (!names.contains(type)) {
                problems.add(new ConfigProblem(path + ".type", "model " + model + " is for types " + names
                        + ", not '" + type + "'"));
            }
        }
    }

    private static void checkBackups(List<ConfiguredSource> sources, Map<String, String> backups,
                                     Map<String, String> devicePaths, List<ConfigProblem> problems) {
        Map<String, ConfiguredSource> byId = new HashMap<>();
        sources.forEach(s -> byId.put(s.id(), s));
        backups.forEach((primary, backup) -> {
            String field = devicePaths.get(primary) + ".backup";
            ConfiguredSource b = byId.get(backup);
            if (backup.equals(primary)) {
                problems.add(new ConfigProblem(field, "a device cannot be its own backup"));
            } else if (b == null) {
                problems.add(new ConfigProblem(field, "no device '" + backup + "' in this file"
                        + DidYouMean.hint(backup, byId.keySet())));
            } else if (backups.containsKey(backup)) {
                problems.add(new ConfigProblem(field, "'" + backup + "' has a backup of its own; chains of backups are not supported"));
            } else if (b.points().stream().noneMatch(bp -> byId.get(primary).points().stream()
                    .anyMatch(pp -> pp.id().equals(bp.id())))) {
                problems.add(new ConfigProblem(field, "'" + backup + "' feeds none of the point ids of '" + primary
                        + "'; a backup must use the same point ids"));
            }
        });
    }

    private static void checkPointIds(List<ConfiguredSource> sources, Map<String, String> backups,
                                      Map<String, String> devicePaths, List<ConfigProblem> problems) {
        Map<String, List<String>> devicesOfPoint = new TreeMap<>();
        for (ConfiguredSource s : sources) {
            for (PointSettings p : s.points()) {
                devicesOfPoint.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(s.id());
            }
        }
        devicesOfPoint.forEach((point, devices) -> {
            if (devices.size() != devices.stream().distinct().count()) {
                String twice = devices.stream().filter(d -> devices.indexOf(d) != devices.lastIndexOf(d)).findFirst().orElseThrow();
                problems.add(new ConfigProblem(devicePaths.get(twice), "point id '" + point + "' appears more than once"));
                return;
            }
            boolean primaryAndBackup = devices.size() == 2
                    && (devices.get(1).equals(backups.get(devices.get(0))) || devices.get(0).equals(backups.get(devices.get(1))));
            if (devices.size() > 1 && !primaryAndBackup) {
                problems.add(new ConfigProblem(devicePaths.get(devices.get(1)), "point id '" + point
                        + "' is also fed by " + devices.stream().filter(d -> !d.equals(devices.get(1))).toList()
                        + "; only a device and its backup may share point ids"));
            }
        });
    }

    private static AutoCloseable closer(ConfiguredSource s) {
        return s instanceof ConfiguredSource.Polled p ? p.device() : ((ConfiguredSource.Pushed) s).source();
    }
}
