package io.tanhe.cli;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSettingsTest {
    private static LogSettings of(Map<String, String> properties) {
        return LogSettings.from(properties::get);
    }

    @Test
    void withoutPropertiesTheLogIsAtInfoRolledAtTenMegabytesIntoFiveFiles() {
        LogSettings s = of(Map.of());
        assertEquals(Level.INFO, s.level());
        assertEquals(10L * 1024 * 1024, s.size().getSize());
        assertEquals(5, s.files());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void thePropertiesSetLevelSizeAndFiles() {
        LogSettings s = of(Map.of("tanhe.log.level", "debug", "tanhe.log.size", "50MB", "tanhe.log.files", "10"));
        assertEquals(Level.DEBUG, s.level());
        assertEquals(50L * 1024 * 1024, s.size().getSize());
        assertEquals(10, s.files());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void anUnusableSizeIsNamedAndTheDefaultKept() {
        LogSettings s = of(Map.of("tanhe.log.size", "abc"));
        assertEquals(10L * 1024 * 1024, s.size().getSize());
        assertEquals(List.of("tanhe.log.size=abc is not a size above zero (a number with KB, MB or GB, e.g. 50MB);"
                + " rolling at 10MB"), s.problems());
        assertEquals(1, of(Map.of("tanhe.log.size", "0MB")).problems().size(), "a size of zero would roll at every line");
    }

    @Test
    void anUnusableNumberOfFilesIsNamedAndTheDefaultKept() {
        for (String files : List.of("0", "x", "22")) {
            LogSettings s = of(Map.of("tanhe.log.files", files));
            assertEquals(5, s.files(), files);
            assertEquals(List.of("tanhe.log.files=" + files + " is not a number of rolled files from 1 to 21; keeping 5"),
                    s.problems());
        }
        assertEquals(21, of(Map.of("tanhe.log.files", "21")).files(), "Logback's largest window");
    }

    @Test
    void anUnknownLevelIsNamedAndInfoKept() {
        LogSettings s = of(Map.of("tanhe.log.level", "LOUD"));
        assertEquals(Level.INFO, s.level(), "Logback's own reading of an unknown level is DEBUG");
        assertTrue(s.problems().getFirst().startsWith("tanhe.log.level=LOUD is not a level"), s.problems().toString());
    }
}
