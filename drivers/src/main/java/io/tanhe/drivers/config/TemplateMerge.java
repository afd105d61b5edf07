package io.tanhe.drivers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.ConfigPlace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges a meter template into a site's device entry. The template's {@code device} fields are
 * defaults the site may override; its points get the id {@code <point_prefix><template point id>}
 * (prefix defaults to {@code <device id>.}), restricted to {@code select} when given; a site
 * point with the same full id overrides fields of the template point, other site points are added.
 *
 * <p>The merge happens in the device's own tree, so what the site wrote keeps its file, line and
 * path in messages; what the template supplied is reported as {@code template <model>: device.period}
 * or {@code template <model>: points[3].register}.
 */
final class TemplateMerge {

    private TemplateMerge() {
    }

    static void merge(ConfigNode device, String model, JsonNode template) {
        ObjectNode site = (ObjectNode) device.json();
        String origin = "template " + model;
        JsonNode defaults = template.path("device");
        defaults.fieldNames().forEachRemaining(f -> {
            if (!site.has(f)) {
                site.set(f, defaults.get(f).deepCopy());
                device.placeField(f, new ConfigPlace(origin, 0, 0, "device." + f));
            }
        });
        ArrayNode points = mergePoints(device, site, model, template);
        site.set("points", points);
    }

    private static ArrayNode mergePoints(ConfigNode device, ObjectNode site, String model, JsonNode template) {
        String origin = "template " + model;
        String prefix = site.path("point_prefix").asText(site.path("id").asText("") + ".");
        Map<String, ObjectNode> byLocalId = new LinkedHashMap<>();
        JsonNode tPoints = template.path("points");
        for (int j = 0; j < tPoints.size(); j++) {
            ObjectNode p = ((ObjectNode) tPoints.get(j)).deepCopy();
            device.placeElement(p, new ConfigPlace(origin, 0, 0, "points[" + j + "]"));
            byLocalId.put(p.path("id").asText(), p);
        }
        List<ObjectNode> chosen = new ArrayList<>();
        JsonNode select = site.get("select");
        if (select != null && select.isArray()) {
            for (int k = 0; k < select.size(); k++) {
                String name = select.get(k).asText();
                ObjectNode p = byLocalId.get(name);
                if (p == null) {
                    device.problem(device.placeOf("select", k), "model " + model + " has no point `" + name + "`",
                            ConfigNode.nearest(name, byLocalId.keySet()));
                } else {
                    chosen.add(p);
                }
            }
        } else {
            chosen.addAll(byLocalId.values());
        }
        Map<String, ObjectNode> byFullId = new LinkedHashMap<>();
        for (ObjectNode p : chosen) {
            p.put("id", prefix + p.path("id").asText());
            byFullId.put(p.get("id").asText(), p);
        }
        JsonNode sitePoints = site.path("points");
        if (site.hasNonNull("points") && !sitePoints.isArray()) {
            device.problem("points", "must be a list, not " + ConfigNode.describe(sitePoints));
        }
        List<ObjectNode> extra = new ArrayList<>();
        for (int k = 0; sitePoints.isArray() && k < sitePoints.size(); k++) {
            ConfigPlace written = device.placeOf("points", k);
            if (!(sitePoints.get(k) instanceof ObjectNode s)) {
                device.problem(written, "must be an object (key: value pairs), not " + ConfigNode.describe(sitePoints.get(k)),
                        Optional.empty());
                continue;
            }
            device.placeElement(s, written);
            ObjectNode base = byFullId.get(s.path("id").asText());
            if (base != null) {
                base.fieldNames().forEachRemaining(f -> {
                    if (!s.has(f)) {
                        s.set(f, base.get(f));
                    }
                });
                byFullId.put(s.path("id").asText(), s);
            } else {
                extra.add(s);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        byFullId.values().forEach(out::add);
        extra.forEach(out::add);
        return out;
    }
}
