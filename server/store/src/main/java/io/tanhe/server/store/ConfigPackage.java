package io.tanhe.server.store;

import java.time.Instant;

/**
 * A configuration package as the terminal keeps it (issue 15): what was uploaded and where it is in its
 * lifecycle. The store does not interpret {@code state}, {@code content} or {@code review}; the terminal's
 * lifecycle does.
 *
 * @param id             its number in this store
 * @param kind           factors, thresholds or methodology
 * @param name           the package's own id, e.g. {@code ox-coal-2026}
 * @param version        the package's version
 * @param content        the package's files as uploaded (the lifecycle's encoding)
 * @param sha256         of {@code content}
 * @param signatures     who signed it, as the verifier reported them
 * @param uploadedBy     who uploaded it
 * @param uploadedAt     when
 * @param state          the lifecycle state it is in
 * @param effectiveFrom  the measurement time it applies from once activated; null before it is staged
 * @param review         the dry-run replay's review (figure by figure); null before it is made
 * @param reviewSummary  one line: totals by class, or why it was refused
 */
public record ConfigPackage(long id, String kind, String name, String version, String content, String sha256,
                            String signatures, String uploadedBy, Instant uploadedAt, String state, Instant effectiveFrom,
                            String review, String reviewSummary) {
}
