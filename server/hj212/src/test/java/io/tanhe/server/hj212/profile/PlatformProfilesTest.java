package io.tanhe.server.hj212.profile;

import io.tanhe.server.hj212.Flag;
import io.tanhe.server.hj212.ValueFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformProfilesTest {

    @Test
    void minimalYamlTakesTheHj2122017Defaults() {
        PlatformProfile p = PlatformProfiles.parse("mn: TANHE0001\npassword: '123456'\n", "p.yaml", false);
        assertEquals("platform", p.name());
        assertEquals("31", p.st());
        assertEquals(Flag.V2017, p.version());
        assertTrue(p.ack());
        assertEquals(IndicatorCommands.HJ212_2017, p.commands());
        assertEquals("a05001", p.co2Code());
        assertEquals("kg", p.field("a05001").orElseThrow().unit());
        assertFalse(p.hj2025().any());
        assertEquals(new Flag(1, false, true), p.uploadFlag());
    }

    @Test
    void fullYamlIsRead() {
        String yaml = """
                name: provincial-carbon
                st: "31"
                mn: 010000A8900016F000169DC0
                password: "100000"
                version: 2
                ack: false
                commands: {realtime: "2011", minute: "2051", hourly: "2061", daily: "2031", monthly: "2041"}
                co2_code: a05001
                fields:
                  a05001: {unit: t, format: N12.3}
                  a05002: {unit: kg}
                unverified_hj212_2025: {backfill_marker: true, heartbeat: true, heartbeat_seconds: 30}
                """;
        PlatformProfile p = PlatformProfiles.parse(yaml, "p.yaml", false);
        assertEquals("2041", p.commands().monthlyCn().orElseThrow());
        assertEquals(new ValueFormat(12, 3), p.field("a05001").orElseThrow().valueFormat().orElseThrow());
        assertEquals("t", p.field("a05001").orElseThrow().unit());
        assertTrue(p.hj2025().backfillMarker());
        assertEquals(30, p.hj2025().heartbeatSeconds());
        assertEquals(new Flag(2, false, false), p.uploadFlag());
    }

    @Test
    void jsonIsReadToo() {
        PlatformProfile p = PlatformProfiles.parse("{\"mn\": \"A1\", \"password\": \"abc123\", \"st\": \"22\"}", "p.json", true);
        assertEquals("22", p.st());
    }

    @Test
    void everyProblemIsListedUnderItsField() {
        String yaml = """
                st: "3"
                mn: "has space"
                password: "12345"
                version: 3
                commands: {hourly: "2051"}
                fields:
                  a05001: {unit: kg, format: N20.5}
                unverified_hj212_2025: {heartbeat: true}
                """;
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse(yaml, "p.yaml", false));
        assertEquals("p.yaml", e.origin());
        List<String> problems = e.problems();
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("st: bad ST '3'")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("mn: bad MN")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("password: bad PW")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("version: must be 1")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("commands.hourly: CN 2051 is already used")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("fields.a05001.format:")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("unverified_hj212_2025: backfill_marker and heartbeat exist only with version: 2")), problems.toString());
        assertTrue(e.getMessage().startsWith("p.yaml: invalid platform profile:"));
    }

    @Test
    void unknownFieldsAreNamedWithTheKnownOnes() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> PlatformProfiles.parse("mn: A1\npassword: '123456'\ncommands: {hourley: '2061'}\n", "p.yaml", false));
        assertTrue(e.problems().get(0).startsWith("commands.hourley: unknown field 'hourley'; known fields: daily, hourly"), e.problems().toString());
    }

    @Test
    void missingIdentityIsReported() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse("st: '31'\n", "p.yaml", false));
        assertEquals(List.of("mn: is required", "password: is required"), e.problems());
    }

    @Test
    void syntaxErrorsSayWhere() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse("mn: 'unterminated\n", "p.yaml", false));
        assertTrue(e.problems().get(0).startsWith("line "), e.problems().toString());
    }

    @Test
    void aResultWithAManualOperandIsFlaggedNByDefaultAndAProfileCanChangeTheMapping() {
        // issue 12, 8g: S is a value set by hand ([STD17] Table 8); a total computed from metered coal and the
        // lab's monthly carbon content is not one
        PlatformProfile p = PlatformProfiles.parse("mn: A1\npassword: '123456'\n", "p.yaml", false);
        assertEquals(io.tanhe.server.hj212.DataFlag.N, p.flag("MANUAL"));
        assertEquals(io.tanhe.server.hj212.DataFlag.N, p.flag("measured"));
        assertEquals(io.tanhe.server.hj212.DataFlag.B, p.flag("substituted"));
        PlatformProfile changed = PlatformProfiles.parse("mn: A1\npassword: '123456'\nflags: {manual: S}\n", "p.yaml", false);
        assertEquals(io.tanhe.server.hj212.DataFlag.S, changed.flag("manual"));
        assertEquals(io.tanhe.server.hj212.DataFlag.N, changed.flag("estimated"));
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse(
                "mn: A1\npassword: '123456'\nflags: {manul: S}\n", "p.yaml", false));
        assertTrue(e.problems().get(0).startsWith("flags.manul: unknown quality"), e.problems().toString());
    }

    @Test
    void aBadDefaultFormatIsReported() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> PlatformProfiles.parse(
                "mn: A1\npassword: '123456'\ndefault_format: N16.4\n", "p.yaml", false));
        assertTrue(e.problems().get(0).startsWith("default_format:"), e.problems().toString());
    }

    @Test
    void theProfilesPasswordIsNeitherInAValidationErrorNorInItsText() {
        // issue 12: a validation error printed the HJ 212 PW
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> PlatformProfiles.parse("mn: A1\npassword: 'se#ret'\n", "p.yaml", false));
        assertFalse(e.getMessage().contains("se#ret"), e.getMessage());
        assertFalse(PlatformProfile.of("p", "A1", "s3cr3t").toString().contains("s3cr3t"));
    }
}
