package io.tanhe.drivers.http;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.PollSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.JsonMappingField;
import io.tanhe.drivers.fields.TlsField;
import io.tanhe.drivers.fields.ZoneField;
import io.tanhe.drivers.json.JsonPointMapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: http}: {@code url} (http or https), optional {@code headers} (name: value),
 * {@code tls}, {@code zone}, the schedule ({@code period}, {@code timeout}, {@code retries}) and
 * {@code points} with JSON mapping fields.
 */
public final class HttpType implements SourceType {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        PollSettings poll = PollSettings.read(device);
        URI url = url(device);
        Map<String, String> headers = new LinkedHashMap<>();
        device.object("headers").ifPresent(h -> h.fieldNames().forEach(name -> headers.put(name, h.text(name))));
        ZoneId zone = ZoneField.read(device);
        List<PointSettings> points = new ArrayList<>();
        List<JsonPointMapping> mappings = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            PointSettings settings = PointSettings.read(p);
            points.add(settings);
            mappings.add(JsonMappingField.read(p, settings, zone));
        }
        if (points.isEmpty()) {
            device.problem("points", "an HTTP source needs at least one point");
        }
        HttpPullConfig config = new HttpPullConfig(id, url, headers, poll.timeout(), poll.retries(),
                TlsField.read(device, ctx), mappings);
        return new ConfiguredSource.Polled(new HttpPullDevice(config), poll, points);
    }

    private static URI url(ConfigNode device) {
        String text = device.text("url");
        try {
            URI url = new URI(text);
            if ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) {
                return url;
            }
        } catch (URISyntaxException e) {
            device.problem("url", "`" + text + "` is not a URL: " + e.getReason());
            return URI.create("http://invalid/");
        }
        if (!text.isEmpty()) {
            device.problem("url", "`" + text + "` must start with http:// or https://");
        }
        return URI.create("http://invalid/");
    }
}
