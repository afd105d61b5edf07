package io.tanhe.server.cems;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.PointSettings;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.fields.ZoneField;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.server.hj212.FieldRules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: hj212-logger}: a CEMS data logger that connects to the terminal and uploads HJ 212-2017.
 * {@code listen} ({@code host:port} or a port; the terminal listens there), optional {@code mn} (only
 * this logger's packets are taken) and {@code password} (its PW, a secret: only packets carrying it are
 * taken), {@code zone} (of DataTime), {@code minute_interval} (the
 * logger's MinInterval, default 1m) and {@code points}: each with {@code code} (a05001, a00000,
 * a01011–a01017, a01006, a19001 …), {@code cn} (2011 default, 2051, 2061, 2031; 3020 for
 * instrument information such as i12001 work state, i13007 intercept, i13008 slope, with
 * {@code pol_id} naming the instrument), optional {@code field} (Rtd, Avg, Info …) and the
 * {@code unit} the logger sends (HJ 212 Table B.2).
 *
 * <p>It lives above the drivers (it needs the HJ 212 codec of server/hj212, which drivers may not
 * see) and is registered by the site loader next to {@code SourceTypes.all()}.
 */
public final class Hj212LoggerType implements SourceType {
    private static final Set<String> CNS = Set.of("2011", "2051", "2061", "2031", "3020");

    @Override
    public String type() {
        return "hj212-logger";
    }

    @Override
    public ConfiguredSource create(String id, ConfigNode device, ConfigContext ctx) {
        String listen = device.text("listen");
        String host = "0.0.0.0";
        int port = -1;
        String portText = listen.contains(":") ? listen.substring(listen.lastIndexOf(':') + 1) : listen;
        if (listen.contains(":")) {
            host = listen.substring(0, listen.lastIndexOf(':'));
        }
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 0 || port > 65535) {
            device.problem("listen", "`" + listen + "` is not a port or host:port (e.g. 0.0.0.0:9212)");
            port = 0;
        }
        Optional<String> mn = device.optionalText("mn");
        if (mn.isPresent() && mn.get().length() > 24) {
            device.problem("mn", "an MN has at most 24 characters (HJ 212-2017 §6.3.2)");
        }
        Optional<String> password = device.optionalText("password");
        password.flatMap(FieldRules::pw).ifPresent(problem -> device.problem("password", problem));
        ZoneId zone = ZoneField.read(device);
        Duration interval = device.duration("minute_interval", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(30));
        List<PointSettings> settings = new ArrayList<>();
        List<LoggerPoint> points = new ArrayList<>();
        for (ConfigNode p : device.list("points")) {
            PointSettings ps = PointSettings.read(p);
            String code = p.text("code");
            if (!code.matches("[a-zA-Z]\\w{2,}")) {
                p.problem("code", "`" + code + "` is not an HJ 212 code such as a05001 (CO2) or a00000 (flue-gas flow)");
            }
            String cn = p.choice("cn", List.copyOf(new java.util.TreeSet<>(CNS)), "2011");
            String field = p.choice("field", List.of("Rtd", "Avg", "Min", "Max", "Info"), LoggerPoint.defaultField(cn));
            String polId = p.text("pol_id", "");
            if (!polId.isEmpty() && !cn.equals("3020")) {
                p.problem("pol_id", "only instrument information (cn 3020) names its instrument by PolId");
            }
            settings.add(ps);
            points.add(new LoggerPoint(ps.id(), code, cn, field, ps.unit(), polId));
        }
        if (points.isEmpty()) {
            device.problem("points", "an hj212-logger source needs at least one point (code and cn)");
        }
        LoggerConfig config = new LoggerConfig(id, host, port, mn, password, zone, interval, points);
        return new ConfiguredSource.Pushed(new Hj212LoggerSource(config, ctx.clock()), settings);
    }
}
