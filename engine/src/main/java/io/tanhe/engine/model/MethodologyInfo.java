package io.tanhe.engine.model;

import java.time.LocalDate;

/** The header of a methodology: what it is, which edition, from which document, valid when. */
public record MethodologyInfo(String id, String version, String title, String source, String industry,
                              LocalDate effectiveFrom, LocalDate effectiveUntil, boolean library) {
}
