package io.tanhe.server.uplink;

import io.tanhe.engine.time.Grain;
import io.tanhe.server.store.TimeRange;
import io.tanhe.server.uplink.config.CentreConfig;
import io.tanhe.server.uplink.config.IndicatorConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.tanhe.server.uplink.UplinkRig.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which indicators a manual backfill sends to which centre, named by code or by result node. */
class ManualBackfillTest {
    private static final TimeRange HOUR = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));

    /** A centre reporting CO2 of E (two codes) and the gas use of node G. */
    private static final CentreConfig PROVINCE = withIndicators(UplinkRig.hj212("province", 1), List.of(
            new IndicatorConfig("E", "", "a05001", "kgCO2"), new IndicatorConfig("E", "", "a05099", null),
            new IndicatorConfig("G", "", "w00001", null)));
    /** A centre reporting only E. */
    private static final CentreConfig CITY = withIndicators(UplinkRig.hj212("city", 2), List.of(new IndicatorConfig("E", "", "e_total", null)));

    private static CentreConfig withIndicators(CentreConfig c, List<IndicatorConfig> indicators) {
        return new CentreConfig(c.id(), c.protocol(), c.address(), c.profileOrNull(), c.terminalIdOrNull(), indicators, c.schedules(),
                c.delivery(), c.tls());
    }

    private static ManualBackfill of(String... indicators) {
        return new ManualBackfill(null, Grain.HOUR, HOUR, "operator-li", "corrected", Set.of(indicators));
    }

    @Test
    void noIndicatorNamedSendsEveryIndicator() {
        assertEquals(Set.of("a05001", "a05099", "w00001"), of().codesFor(PROVINCE));
        assertEquals(List.of(), of().unknownIn(List.of(PROVINCE, CITY)));
    }

    @Test
    void aCodeSendsThatIndicatorAndANodeEveryIndicatorOfIt() {
        assertEquals(Set.of("a05099"), of("a05099").codesFor(PROVINCE));
        assertEquals(Set.of("a05001", "a05099"), of("E").codesFor(PROVINCE));
        assertEquals(Set.of("e_total"), of("E").codesFor(CITY));
        assertEquals(Set.of("a05001", "w00001"), of("a05001", "G").codesFor(PROVINCE));
    }

    @Test
    void eachCentreOwnsOnlyTheNamedIndicatorsItReports() {
        assertEquals(Set.of("w00001"), of("w00001", "e_total").ownedBy(PROVINCE));
        assertEquals(Set.of("e_total"), of("w00001", "e_total").ownedBy(CITY));
        assertEquals(Set.of(), of("w00001").ownedBy(CITY));
    }

    @Test
    void anIndicatorNoCentreReportsIsNamedWithTheOnesThatExist() {
        assertEquals(List.of("Z", "a99999"), of("a99999", "Z", "e_total").unknownIn(List.of(PROVINCE, CITY)));
        assertEquals(List.of("e_total"), of("e_total").unknownIn(List.of(PROVINCE)));
        assertEquals(List.of("a05001 (E)", "a05099 (E)", "w00001 (G)", "e_total (E)"), ManualBackfill.namesIn(List.of(PROVINCE, CITY)));
    }
}
