package io.tanhe.server.cems;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.ConfiguredSource;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.registry.SourceTypes;
import io.tanhe.grammar.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The points file's {@code type: hj212-logger}. */
class Hj212LoggerTypeTest {
    private static PointsFileLoader loader() {
        List<io.tanhe.drivers.config.SourceType> types = new ArrayList<>(SourceTypes.all());
        types.add(new Hj212LoggerType());
        return new PointsFileLoader(types);
    }

    private static DriverConfiguration parse(String yaml) {
        return loader().parse(yaml, "points.yaml", new ConfigContext(Clock.systemUTC(), Path.of(".")));
    }

    @Test
    void aLoggerWithItsPointsBecomesAPushedSource() {
        try (DriverConfiguration cfg = parse("""
                devices:
                  - id: stack1-logger
                    type: hj212-logger
                    listen: 127.0.0.1:0
                    mn: "LOGGER0000000001"
                    zone: Asia/Shanghai
                    points:
                      - {id: stack1.co2, code: a05001, unit: "%"}
                      - {id: stack1.co2.min, code: a05001, cn: "2051", unit: "%"}
                      - {id: stack1.flow, code: a00000, unit: m3/s}
                """)) {
            ConfiguredSource.Pushed s = assertInstanceOf(ConfiguredSource.Pushed.class, cfg.source("stack1-logger").orElseThrow());
            assertInstanceOf(Hj212LoggerSource.class, s.source());
            assertEquals(List.of("stack1.co2", "stack1.co2.min", "stack1.flow"), s.points().stream().map(p -> p.id()).toList());
        }
    }

    @Test
    void everyMistakeIsReportedWithItsPlace() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse("""
                devices:
                  - id: stack1-logger
                    type: hj212-logger
                    listen: "localhost:99999"
                    password: "abc"
                    points:
                      - {id: stack1.co2, code: "5001", cn: "2099", unit: "%"}
                """));
        String m = e.getMessage();
        assertTrue(m.contains("devices[0].listen: `localhost:99999` is not a port or host:port"), m);
        assertTrue(m.contains("devices[0].points[0].code: `5001` is not an HJ 212 code"), m);
        assertTrue(m.contains("devices[0].points[0].cn"), m);
        assertTrue(m.contains("devices[0].password: bad PW (3 characters, not shown): the password is 6 letters or digits"), m);
        assertFalse(m.contains("abc"), "a password is never quoted: " + m);
    }
}
