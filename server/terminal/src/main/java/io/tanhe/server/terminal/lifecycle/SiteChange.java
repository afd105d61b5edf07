package io.tanhe.server.terminal.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tanhe.grammar.config.ConfigNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between the running site file and a candidate, as far as a running terminal cares: the devices
 * of the points file (added, removed, changed: any field of the device's entry, its points included) and the
 * uplink's data centres, which restart on their own; and every other top-level field that differs, which
 * cannot change without restarting the terminal (the methodology, factors, bindings, rules, store, …).
 *
 * @param refused          top-level fields of the site file that differ and need a restart, in file order
 * @param devicesAdded     devices only the candidate has
 * @param devicesRemoved   devices only the running file has
 * @param devicesChanged   devices whose entry differs (or all of them, when the points file's other settings differ)
 * @param centresAdded     data centres only the candidate has
 * @param centresRemoved   data centres only the running file has
 * @param centresChanged   data centres whose entry differs, or a file it names (HJ 212 profile, TLS store) whose content does
 * @param uplinkInText     whether the candidate's {@code uplink:} (or a file its centres name) differs from the running file's at all (a terminal
 *                         may run an uplink given apart from the site file, the demo's {@code --uplink})
 */
public record SiteChange(List<String> refused, Set<String> devicesAdded, Set<String> devicesRemoved, Set<String> devicesChanged,
                         Set<String> centresAdded, Set<String> centresRemoved, Set<String> centresChanged, boolean uplinkInText) {
    /** The site file's fields a running terminal applies by restarting the workers they concern. */
    static final Set<String> HOT = Set.of("drivers", "drivers_file", "uplink");

    public SiteChange {
        refused = List.copyOf(refused);
        devicesAdded = Set.copyOf(devicesAdded);
        devicesRemoved = Set.copyOf(devicesRemoved);
        devicesChanged = Set.copyOf(devicesChanged);
        centresAdded = Set.copyOf(centresAdded);
        centresRemoved = Set.copyOf(centresRemoved);
        centresChanged = Set.copyOf(centresChanged);
    }

    /**
     * Compares two site files' texts; relative {@code drivers_file:} names resolve against {@code dir}.
     *
     * @param origin the file name the texts are parsed under (YAML, or JSON when it ends in {@code .json})
     */
    public static SiteChange between(String running, String candidate, String origin, Path dir) {
        return between(running, ReadFiles.of(running, origin, dir), candidate, ReadFiles.of(candidate, origin, dir), origin);
    }

    /**
     * What the files a site file names held when they were read: the points file's content (the {@code drivers:} block,
     * or the file {@code drivers_file:} names) and {@link #centreFiles} of its centres. The running site's are kept from
     * when it was applied: a file edited in place since then differs from them, which the file on disk alone cannot show.
     */
    public record ReadFiles(JsonNode points, Map<String, String> centres) {
        public ReadFiles {
            centres = Map.copyOf(centres);
        }

        /**
         * Reads what {@code text}'s files hold now; relative names against {@code dir}.
         *
         * @throws UncheckedIOException when the points file cannot be read
         */
        public static ReadFiles of(String text, String origin, Path dir) {
            JsonNode site = ConfigNode.parse(text, origin).json();
            return new ReadFiles(SiteChange.points(site, dir), centreFiles(site, dir));
        }
    }

    /**
     * Compares two site files' texts with what their files held when each was read: a device of a points file edited
     * in place, and a centre whose HJ 212 profile or TLS store changed under the same name, count as changed.
     *
     * @param runningFiles   the running text's files, as read when it was applied
     * @param candidateFiles the candidate's, read now
     */
    public static SiteChange between(String running, ReadFiles runningFiles, String candidate, ReadFiles candidateFiles, String origin) {
        JsonNode before = ConfigNode.parse(running, origin).json();
        JsonNode after = ConfigNode.parse(candidate, origin).json();
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        List<String> refused = fields.stream().filter(f -> !HOT.contains(f)).filter(f -> !before.path(f).equals(after.path(f))).toList();
        Compared devices = compare(runningFiles.points(), candidateFiles.points(), "devices");
        Compared centres = compare(before.path("uplink"), after.path("uplink"), "centres");
        Set<String> centresChanged = new TreeSet<>(centres.changed);
        candidateFiles.centres().forEach((id, files) -> {
            if (runningFiles.centres().containsKey(id) && !runningFiles.centres().get(id).equals(files)) {
                centresChanged.add(id);
            }
        });
        boolean filesChanged = !centresChanged.equals(centres.changed);
        return new SiteChange(refused, devices.added, devices.removed, devices.changed, centres.added, centres.removed,
                centresChanged, filesChanged || !before.path("uplink").equals(after.path("uplink")));
    }

    /** The fields of a centre that name a file the centre reads when it starts, as paths below the centre's entry. */
    private static final List<List<String>> CENTRE_FILES = List.of(List.of("profile"), List.of("tls", "trust_store"),
            List.of("tls", "key_store"));

    /**
     * What the files each data centre of a site file refers to (its HJ 212 {@code profile}, its {@code tls.trust_store}
     * and {@code tls.key_store}; relative names against {@code dir}) hold now: per centre id, one line per file with its
     * field and the SHA-256 of its content ({@code unreadable} for a file that cannot be read, which the site loader
     * refuses naming the field). A text that does not parse has none.
     */
    public static Map<String, String> centreFiles(String text, String origin, Path dir) {
        try {
            return centreFiles(ConfigNode.parse(text, origin).json(), dir);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, String> centreFiles(JsonNode site, Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode centre : site.path("uplink").path("centres")) {
            StringBuilder files = new StringBuilder();
            for (List<String> field : CENTRE_FILES) {
                JsonNode name = centre;
                for (String step : field) {
                    name = name.path(step);
                }
                if (name.isTextual()) {
                    files.append(String.join(".", field)).append(' ').append(name.asText()).append(' ')
                            .append(sha256(dir.resolve(name.asText()))).append('\n');
                }
            }
            out.put(centre.path("id").asText(""), files.toString());
        }
        return Map.copyOf(out);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The points file's content: the {@code drivers:} block, or the file {@code drivers_file:} names. */
    private static JsonNode points(JsonNode site, Path dir) {
        if (site.has("drivers")) {
            return site.get("drivers");
        }
        if (site.path("drivers_file").isTextual()) {
            try {
                return ConfigNode.read(dir.resolve(site.get("drivers_file").asText())).json();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the points file " + site.get("drivers_file").asText() + ": " + e.getMessage(), e);
            }
        }
        return MissingNode.getInstance();
    }

    private record Compared(Set<String> added, Set<String> removed, Set<String> changed) {
    }

    /** Entries of the list {@code listField} compared by {@code id}; any other field differing changes them all. */
    private static Compared compare(JsonNode before, JsonNode after, String listField) {
        Map<String, JsonNode> a = byId(before.path(listField));
        Map<String, JsonNode> b = byId(after.path(listField));
        Set<String> added = new TreeSet<>(b.keySet());
        added.removeAll(a.keySet());
        Set<String> removed = new TreeSet<>(a.keySet());
        removed.removeAll(b.keySet());
        Set<String> changed = new TreeSet<>();
        boolean restAlike = others(before, listField).equals(others(after, listField));
        a.forEach((id, node) -> {
            if (b.containsKey(id) && (!restAlike || !node.equals(b.get(id)))) {
                changed.add(id);
            }
        });
        return new Compared(added, removed, changed);
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(e.path("id").asText(""), e));
        return out;
    }

    private static Map<String, JsonNode> others(JsonNode block, String except) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(except)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The devices to restart: added, removed and changed. */
    public Set<String> devices() {
        Set<String> all = new TreeSet<>(devicesAdded);
        all.addAll(devicesRemoved);
        all.addAll(devicesChanged);
        return all;
    }

    /** The data centres to restart: added, removed and changed. */
    public Set<String> centres() {
        Set<String> all = new TreeSet<>(centresAdded);
        all.addAll(centresRemoved);
        all.addAll(centresChanged);
        return all;
    }

    /** Whether nothing a running terminal applies differs. */
    public boolean isEmpty() {
        return devices().isEmpty() && centres().isEmpty() && refused.isEmpty();
    }

    /** One line for people and the audit: which devices and centres restart. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        describe(parts, "device", devicesAdded, devicesRemoved, devicesChanged);
        describe(parts, "centre", centresAdded, centresRemoved, centresChanged);
        return parts.isEmpty() ? "no device or centre changes" : String.join("; ", parts);
    }

    private static void describe(List<String> parts, String what, Set<String> added, Set<String> removed, Set<String> changed) {
        if (!added.isEmpty()) {
            parts.add(what + "s added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add(what + "s removed " + String.join(", ", removed));
        }
        if (!changed.isEmpty()) {
            parts.add(what + "s changed " + String.join(", ", changed));
        }
    }
}
