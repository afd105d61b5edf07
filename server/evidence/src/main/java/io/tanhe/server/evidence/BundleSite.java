package io.tanhe.server.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configuration a bundle records: its site file and methodology extracted, with its applied packages layered on. */
final class BundleSite {
    private BundleSite() {
    }

    /** Every package record of the bundle with its content, by id, in the bundle's order. */
    static Map<Long, ConfigPackage> packages(Bundle b) throws IOException {
        Map<Long, ConfigPackage> out = new LinkedHashMap<>();
        List<JsonNode> records = new ArrayList<>();
        b.lines("packages.jsonl", (o, where) -> records.add(o));
        for (JsonNode o : records) {
            String file = o.path("file").asText();
            String content = b.has(file) ? new String(b.bytes(file), StandardCharsets.UTF_8) : "";
            ConfigPackage p = Rows.configPackage(o, content, "packages.jsonl");
            out.put(p.id(), p);
        }
        return out;
    }

    /**
     * The site as the bundle's files and applied packages make it, read from {@code work} (where site/ and
     * methodology/ are extracted).
     */
    static Site load(Bundle b, SiteReader reader, Path work) throws IOException {
        Path siteDir = Files.createDirectories(work.resolve("site"));
        Path library = Files.createDirectories(work.resolve("methodology"));
        b.extract("site/", siteDir);
        b.extract("methodology/", library);
        String siteEntry = b.manifest().path("site_file").asText("site/site.yaml");
        Path siteFile = siteDir.resolve(siteEntry.substring("site/".length()));
        String text = Files.readString(siteFile, StandardCharsets.UTF_8);
        Site base = reader.read(text, siteFile.toString(), siteDir, MethodologyLibrary.at(library));
        Map<Long, ConfigPackage> all = packages(b);
        List<ConfigPackage> applied = new ArrayList<>();
        for (JsonNode id : b.manifest().path("applied_packages")) {
            ConfigPackage p = all.get(id.asLong());
            if (p == null || p.content().isEmpty()) {
                throw new BundleFormatException("the manifest applies package #" + id.asLong() + " but the bundle does not hold it");
            }
            applied.add(p);
        }
        return applied.isEmpty() ? base : ConfigLifecycle.configured(base, applied);
    }
}
