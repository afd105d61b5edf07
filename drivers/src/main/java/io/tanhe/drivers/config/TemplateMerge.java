package io.tanhe.drivers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a meter template into a site's device entry. The template's {@code device} fields are
 * defaults the site may override; its points get the id {@code <point_prefix><template point id>}
 * (prefix defaults to {@code <device id>.}), restricted to {@code select} when given; a site
 * point with the same full id overrides fields of the template point, other site points are added.
 */
final class TemplateMerge {
    /** A hidden field that carries a merged list element's origin path for error messages. */
    static final String ORIGIN_FIELD = "$origin";

    private TemplateMerge() {
    }

    /** The merged device JSON plus, for template-provided device fields, where they came from. */
    record Result(ObjectNode device, Map<String, String> fieldOrigins) {
    }

    static Result merge(ObjectNode site, String sitePath, String deviceId, String model, JsonNode template,
                        List<ConfigProblem> problems) {
        String origin = "template " + model;
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Map<String, String> origins = new HashMap<>();
        JsonNode defaults = template.path("device");
        defaults.fieldNames().forEachRemaining(f -> {
            merged.set(f, defaults.get(f).deepCopy());
            origins.put(f, origin + ": device." + f);
        });
        site.fieldNames().forEachRemaining(f -> {
            merged.set(f, site.get(f).deepCopy());
            origins.remove(f);
        });
        merged.set("points", mergePoints(site, sitePath, deviceId, model, template, problems));
        return new Result(merged, origins);
    }

    private static ArrayNode mergePoints(ObjectNode site, String sitePath, String deviceId, String model,
                                         JsonNode template, List<ConfigProblem> problems) {
        String prefix = site.path("point_prefix").asText(deviceId + ".");
        Map<String, ObjectNode> byLocalId = new LinkedHashMap<>();
        JsonNode tPoints = template.path("points");
        for (int j = 0; j < tPoints.size(); j++) {
            ObjectNode p = ((ObjectNode) tPoints.get(j)).deepCopy();
            p.put(ORIGIN_FIELD, "template " + model + ": points[" + j + "]");
            byLocalId.put(p.path("id").asText(), p);
        }
        List<ObjectNode> chosen = new ArrayList<>();
        JsonNode select = site.get("select");
        if (select != null && select.isArray()) {
            for (int k = 0; k < select.size(); k++) {
                String name = select.get(k).asText();
                ObjectNode p = byLocalId.get(name);
                if (p == null) {
                    problems.add(new ConfigProblem(sitePath + ".select[" + k + "]", "model " + model + " has no point '"
                            + name + "'" + DidYouMean.hint(name, byLocalId.keySet())));
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
        List<ObjectNode> extra = new ArrayList<>();
        for (int k = 0; k < sitePoints.size(); k++) {
            if (!sitePoints.get(k).isObject()) {
                continue;
            }
            ObjectNode s = ((ObjectNode) sitePoints.get(k)).deepCopy();
            s.put(ORIGIN_FIELD, sitePath + ".points[" + k + "]");
            ObjectNode base = byFullId.get(s.path("id").asText());
            if (base != null) {
                base.setAll(s);
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
