package io.tanhe.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options built on the server and embedded in the page as JSON; console.js draws each
 * {@code [data-chart]} element from its JSON and, where it has {@code data-refresh}, fetches a fresh option.
 */
final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {
    }

    /** A chart element with {@code option}, labelled for screen readers; {@code refresh} is a URL giving a newer option, or null. */
    static String element(String id, String label, Map<String, Object> option, String refresh) {
        return element(id, label, option, refresh, Map.of());
    }

    /**
     * A chart element as above whose parts open a page when clicked: {@code links} maps a category or part name to
     * the address of its figure's derivation (console.js follows it on a click).
     */
    static String element(String id, String label, Map<String, Object> option, String refresh, Map<String, String> links) {
        return "<div class=\"chart\" id=\"" + id + "\" role=\"img\" aria-label=\"" + Html.esc(label) + "\" data-chart"
                + (refresh == null ? "" : " data-refresh=\"" + Html.esc(refresh) + "\"") + "></div>"
                + "<script type=\"application/json\" id=\"" + id + "-option\">" + json(option) + "</script>"
                + (links.isEmpty() ? "" : "<script type=\"application/json\" id=\"" + id + "-links\">" + json(links) + "</script>");
    }

    /** {@code value} as JSON that cannot close the script element it sits in. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart option is not JSON: " + e.getMessage(), e);
        }
    }

    /** A line (or bars) over categories: one series per entry of {@code series}, null for a gap. */
    static Map<String, Object> lines(List<String> categories, Map<String, List<Double>> series, String unit, boolean bars) {
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("top", 0));
        o.put("grid", Map.of("left", 60, "right", 16, "top", 36, "bottom", 30));
        o.put("xAxis", Map.of("type", "category", "data", categories));
        o.put("yAxis", Map.of("type", "value", "name", unit));
        List<Map<String, Object>> list = series.entrySet().stream().map(e -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", e.getKey());
            s.put("type", bars ? "bar" : "line");
            s.put("showSymbol", false);
            s.put("data", e.getValue());
            return s;
        }).toList();
        o.put("series", list);
        return o;
    }

    /** A ring of shares: name → value. */
    static Map<String, Object> pie(Map<String, Double> parts, String unit) {
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("trigger", "item"));
        o.put("legend", Map.of("bottom", 0));
        List<Map<String, Object>> data = parts.entrySet().stream()
                .map(e -> Map.<String, Object>of("name", e.getKey(), "value", round(e.getValue()))).toList();
        o.put("series", List.of(Map.of("type", "pie", "radius", List.of("40%", "68%"), "data", data,
                "label", Map.of("formatter", "{b}\n{d}%"))));
        return o;
    }

    private static Map<String, Object> base() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false); // a figure on a plant's screen should be there at once, and the bench times the render
        return o;
    }

    /** Six significant digits are plenty for a chart and keep the page small. */
    static Double round(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        return Double.valueOf(String.format(java.util.Locale.ROOT, "%.6g", v));
    }
}
