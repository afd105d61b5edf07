package io.tanhe.drivers.cjt188;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.frame.MalformedFrameException;
import io.tanhe.drivers.metersim.Fault;
import io.tanhe.drivers.metersim.MeterSimulator;
import io.tanhe.drivers.metersim.SimCjt188Meter;
import io.tanhe.drivers.serial.HalfDuplexLine;
import io.tanhe.drivers.serial.TcpEndpoint;
import io.tanhe.drivers.serial.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CJ/T 188 device against the test-side meter simulator over TCP on 127.0.0.1. */
@Timeout(30)
class Cjt188DeviceTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:15:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String ADDRESS = "00201510270588";

    private MeterSimulator sim;
    private HalfDuplexLine line;

    @AfterEach
    void stop() {
        if (line != null) {
            line.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static SimCjt188Meter heatMeter() {
        return new SimCjt188Meter(0x20, ADDRESS)
                .heat("5300.00", "05", "5328.19", "12.50", "17", "1.2345", "35", "1833.42", "75.30", "45.10", "2761")
                .time(2025, 3, 1, 8, 14, 58);
    }

    private Cjt188Device serve(SimCjt188Meter meter, Cjt188Layout layout, Cjt188Meter.Stamp stamp, Cjt188Point... points) throws IOException {
        sim = MeterSimulator.tcp(meter);
        line = new HalfDuplexLine(new TcpTransport(new TcpEndpoint("127.0.0.1", sim.port(), Duration.ofSeconds(2))));
        return new Cjt188Device(new Cjt188Meter("hm1", typeOf(points),
                Cjt188Address.parse(ADDRESS), layout, List.of(points), TIMEOUT, 0, stamp, CHINA), line);
    }

    private static MeterType typeOf(Cjt188Point... points) {
        return points.length > 0 && points[0].field() == MeterField.SETTLEMENT_FLOW ? MeterType.COLD_WATER : MeterType.HEAT;
    }

    private static Cjt188Point point(MeterField field) {
        return new Cjt188Point("hm1." + field.key(), field, "");
    }

    @Test
    void heatMeterFeedsEveryFieldWithTheMetersDigitsAndUnits() throws IOException {
        Cjt188Device d = serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME,
                point(MeterField.CURRENT_HEAT), point(MeterField.SETTLEMENT_HEAT), point(MeterField.HEAT_POWER), point(MeterField.FLOW_RATE),
                point(MeterField.CUMULATIVE_FLOW), point(MeterField.SUPPLY_TEMPERATURE), point(MeterField.RETURN_TEMPERATURE),
                point(MeterField.WORKING_HOURS));
        List<Reading> r = d.poll(T0);
        assertEquals(List.of("5328.19", "5300.00", "12.50", "1.2345", "1833.42", "75.30", "45.10", "2761"),
                r.stream().map(x -> x.value().toString()).toList());
        assertEquals(List.of("kWh", "kWh", "kW", "m3/h", "m3", "°C", "°C", "h"), r.stream().map(Reading::unit).toList());
        assertTrue(r.stream().allMatch(x -> x.quality() == Quality.MEASURED && x.measuredAt().equals(T0)));
    }

    @Test
    void vendorLayoutIsReadWhenConfiguredAndRejectedWhenNot() throws IOException {
        SimCjt188Meter vendor = heatMeter().unitBefore().msbFirst().diLowFirst();
        Cjt188Layout layout = new Cjt188Layout(Cjt188Layout.ValueOrder.MSB_FIRST, Cjt188Layout.DiOrder.LOW_FIRST,
                Cjt188Layout.UnitPosition.BEFORE, 2);
        Cjt188Device right = serve(vendor, layout, Cjt188Meter.Stamp.POLL_TIME, point(MeterField.CURRENT_HEAT), point(MeterField.FLOW_RATE));
        assertEquals(List.of(new BigDecimal("5328.19"), new BigDecimal("1.2345")), right.poll(T0).stream().map(Reading::value).toList());

        Cjt188Device wrong = new Cjt188Device(new Cjt188Meter("hm2", MeterType.HEAT, Cjt188Address.parse(ADDRESS), Cjt188Layout.STANDARD,
                List.of(point(MeterField.CURRENT_HEAT)), TIMEOUT, 0, Cjt188Meter.Stamp.POLL_TIME, CHINA), line);
        Reading r = wrong.poll(T0).get(0);
        assertEquals(Quality.COMM_ERROR, r.quality());
        assertTrue(r.detail().contains("check the unit position"), r.detail());
    }

    @Test
    void waterMeterFeedsFlowAndSettlementFlow() throws IOException {
        Cjt188Device d = serve(new SimCjt188Meter(0x10, ADDRESS).water("1000.10", "990.00"), Cjt188Layout.STANDARD,
                Cjt188Meter.Stamp.POLL_TIME, point(MeterField.SETTLEMENT_FLOW), point(MeterField.CUMULATIVE_FLOW));
        assertEquals(List.of(new BigDecimal("990.00"), new BigDecimal("1000.10")), d.poll(T0).stream().map(Reading::value).toList());
    }

    @Test
    void meterClockStampsReadingsWhenAskedTo() throws IOException {
        Cjt188Device d = serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.METER_CLOCK, point(MeterField.CURRENT_HEAT));
        assertEquals(Instant.parse("2025-03-01T00:14:58Z"), d.poll(T0).get(0).measuredAt());
    }

    @Test
    void aPointUnitOfTheSameFamilyIsConvertedExactly() throws IOException {
        Cjt188Device d = serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME,
                new Cjt188Point("heat.mwh", MeterField.CURRENT_HEAT, "MWh"), new Cjt188Point("heat.gj", MeterField.CURRENT_HEAT, "GJ"));
        List<Reading> r = d.poll(T0);
        assertEquals(new BigDecimal("5.32819"), r.get(0).value());
        assertEquals("MWh", r.get(0).unit());
        assertEquals(Quality.COMM_ERROR, r.get(1).quality());
        assertTrue(r.get(1).detail().contains("meter reports kWh, point heat.gj wants GJ"), r.get(1).detail());
    }

    @Test
    void lowBatteryIsNotedOnGoodReadings() throws IOException {
        Cjt188Device d = serve(heatMeter().status(0x0004), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME, point(MeterField.CURRENT_HEAT));
        Reading r = d.poll(T0).get(0);
        assertEquals(Quality.MEASURED, r.quality());
        assertEquals("battery low (ST 0004)", r.detail());
    }

    @Test
    void faultsGiveFlaggedReadingsForEveryPoint() throws IOException {
        Cjt188Device d = serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME,
                point(MeterField.CURRENT_HEAT), point(MeterField.FLOW_RATE));
        sim.failNext(Fault.BAD_CHECKSUM, Fault.ERROR_REPLY, Fault.SILENT, Fault.TRUNCATED, Fault.WRONG_ADDRESS,
                Fault.DISCONNECT_MID_FRAME, Fault.NOISE_BEFORE_REPLY, Fault.ECHO_THEN_REPLY);
        assertFailure(d, Quality.COMM_ERROR, "CJ/T 188 checksum 0x");
        assertFailure(d, Quality.DEVICE_ERROR, "meter " + ADDRESS + " answered abnormally (control 0xC1)");
        assertFailure(d, Quality.TIMEOUT, "no reply from tcp 127.0.0.1:");
        assertFailure(d, Quality.COMM_ERROR, "truncated frame from tcp");
        assertFailure(d, Quality.COMM_ERROR, "reply from meter 99999900000001, asked meter " + ADDRESS);
        assertFailure(d, Quality.COMM_ERROR, "connection closed by tcp");
        assertEquals(new BigDecimal("5328.19"), d.poll(T0).get(0).value(), "noise before the reply is skipped");
        assertEquals(new BigDecimal("5328.19"), d.poll(T0).get(0).value(), "an echoed request is skipped");
    }

    @Test
    void aReplyWithAnotherSerIsNotTakenForTheAnswer() throws Exception {
        serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME, point(MeterField.CURRENT_HEAT));
        Cjt188Client client = new Cjt188Client(line, Cjt188Layout.STANDARD, TIMEOUT);
        client.readCurrentData(MeterType.HEAT, Cjt188Address.parse(ADDRESS));
        Cjt188Frame asked = Cjt188Requests.readCurrentData(MeterType.HEAT, Cjt188Address.parse(ADDRESS), 7, Cjt188Layout.STANDARD);
        byte[] request = Cjt188Codec.encode(Cjt188Requests.readCurrentData(MeterType.HEAT, Cjt188Address.parse(ADDRESS), 6, Cjt188Layout.STANDARD), 0);
        Cjt188Frame reply = Cjt188Codec.decode(line.exchange(request, Cjt188Codec.SHAPE, TIMEOUT));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> Cjt188Replies.currentData(reply, asked, Cjt188Layout.STANDARD));
        assertEquals("reply SER 0x06 answers another request than SER 0x07", e.getMessage());
    }

    @Test
    void readAddressFindsTypeAndAddress() throws Exception {
        serve(heatMeter(), Cjt188Layout.STANDARD, Cjt188Meter.Stamp.POLL_TIME, point(MeterField.CURRENT_HEAT));
        assertEquals(new MeterIdentity(MeterType.HEAT, Cjt188Address.parse(ADDRESS)),
                new Cjt188Client(line, Cjt188Layout.STANDARD, TIMEOUT).readAddress());
    }

    private static void assertFailure(Cjt188Device d, Quality quality, String detailStart) {
        List<Reading> r = d.poll(T0);
        for (Reading x : r) {
            assertEquals(quality, x.quality(), x.detail());
            assertTrue(x.detail().startsWith(detailStart), x.detail());
        }
    }
}
