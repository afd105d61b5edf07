package io.tanhe.server.evidence;

import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.Site;

import java.nio.file.Path;

/**
 * Reads a site file's text as the terminal did, with methodologies named by id taken from {@code library} (the
 * bundle's own copy): the caller knows which driver families exist (the demo's simulated meters live in the app).
 */
@FunctionalInterface
public interface SiteReader {
    Site read(String text, String origin, Path directory, MethodologyLibrary library);
}
