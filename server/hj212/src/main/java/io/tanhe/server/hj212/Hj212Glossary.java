package io.tanhe.server.hj212;

import java.util.Map;
import java.util.Optional;

/**
 * Plain-word meanings of HJ 212-2017 codes, for explanations and messages. Source: HJ 212-2017
 * Tables 4, 5, 9 and B.2 as summarised in ../shared/reference/protocols.md §1.4, §1.7, §1.9.
 */
public final class Hj212Glossary {
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("1000", "set timeout and retry count"),
            Map.entry("1011", "get terminal time / upload terminal time"),
            Map.entry("1012", "set terminal time"),
            Map.entry("1013", "time calibration request"),
            Map.entry("1061", "get real-time data interval"),
            Map.entry("1062", "set real-time data interval"),
            Map.entry("1063", "get minute data interval"),
            Map.entry("1064", "set minute data interval"),
            Map.entry("1072", "set access password"),
            Map.entry("2011", "real-time data (upload; as a platform request: start real-time data)"),
            Map.entry("2012", "stop real-time data"),
            Map.entry("2021", "device run status (start)"),
            Map.entry("2022", "stop device run status"),
            Map.entry("2031", "daily data (upload or retrieval request)"),
            Map.entry("2041", "device run-time daily data"),
            Map.entry("2051", "minute data (upload or retrieval request)"),
            Map.entry("2061", "hourly data (upload or retrieval request)"),
            Map.entry("2081", "terminal power-on time"),
            Map.entry("9011", "request answer (QnRtn)"),
            Map.entry("9012", "execution result (ExeRtn)"),
            Map.entry("9013", "notice answer"),
            Map.entry("9014", "data answer (acknowledges an upload)"),
            Map.entry("9015", "heartbeat (HJ 212-2025, unverified)"));

    private static final Map<String, String> SYSTEMS = Map.ofEntries(
            Map.entry("21", "surface water quality"), Map.entry("22", "air quality"),
            Map.entry("23", "acoustic environment"), Map.entry("24", "groundwater"), Map.entry("25", "soil"),
            Map.entry("26", "seawater"), Map.entry("27", "volatile organic compounds"),
            Map.entry("31", "atmospheric pollution source"), Map.entry("32", "surface-water pollution source"),
            Map.entry("33", "groundwater pollution source"), Map.entry("34", "marine pollution source"),
            Map.entry("35", "soil pollution source"), Map.entry("36", "noise pollution source"),
            Map.entry("37", "vibration pollution source"), Map.entry("38", "radioactive pollution source"),
            Map.entry("39", "construction dust"), Map.entry("41", "electromagnetic pollution source"),
            Map.entry("51", "flue-gas process monitoring"), Map.entry("52", "wastewater process monitoring"),
            Map.entry("91", "system interaction"));

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("a05001", "carbon dioxide (CO2)"), Map.entry("a05002", "methane (CH4)"),
            Map.entry("a19001", "oxygen (O2)"), Map.entry("a01011", "flue-gas velocity"),
            Map.entry("a01012", "flue-gas temperature"), Map.entry("a01013", "flue-gas pressure"),
            Map.entry("a01014", "flue-gas humidity"), Map.entry("a00000", "flue-gas flow"));

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("DataTime", "data time (start of the period, or the sampling instant for real-time data)"),
            Map.entry("BeginTime", "start of the requested range"), Map.entry("EndTime", "end of the requested range"),
            Map.entry("SystemTime", "terminal time"), Map.entry("RestartTime", "power-on time"),
            Map.entry("RtdInterval", "real-time upload interval, seconds"),
            Map.entry("MinInterval", "minute-data interval, minutes"),
            Map.entry("OverTime", "answer timeout, seconds"), Map.entry("ReCount", "retry count"),
            Map.entry("NewPW", "new access password"), Map.entry("PolId", "instrument (pollutant code)"),
            Map.entry("QnRtn", "request answer code"), Map.entry("ExeRtn", "execution result code"),
            Map.entry("InfoId", "information code"));

    private Hj212Glossary() {
    }

    /** What a command code means. */
    public static Optional<String> command(String cn) {
        return Optional.ofNullable(COMMANDS.get(cn));
    }

    /** What a system code means; also names the ST ranges of Table 5. */
    public static Optional<String> system(String st) {
        String known = SYSTEMS.get(st);
        if (known != null || !st.matches("[0-9]{2}")) {
            return Optional.ofNullable(known != null ? known : st.matches("[A-Z][0-9]") ? "extension code" : null);
        }
        int n = Integer.parseInt(st);
        return Optional.ofNullable(n >= 10 && n <= 29 ? "environmental quality (unnamed code)"
                : n >= 30 && n <= 49 ? "pollution source (unnamed code)"
                : n >= 50 && n <= 69 ? "process monitoring (unnamed code)"
                : n >= 91 ? "system interaction (unnamed code)" : null);
    }

    /** What a pollutant/factor code means (the few the carbon terminal cares about). */
    public static Optional<String> code(String code) {
        return Optional.ofNullable(CODES.get(code));
    }

    /** What a CP field without suffix means. */
    public static Optional<String> field(String name) {
        return Optional.ofNullable(FIELDS.get(name));
    }
}
