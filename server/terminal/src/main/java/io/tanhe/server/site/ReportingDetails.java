package io.tanhe.server.site;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the enterprise report (GB/T 32150) needs from the site beyond its identity: the entity's
 * details, the accounting boundary, the data-quality control plan and the meter registry.
 *
 * @param legalRepresentative the legal representative
 * @param address             the registered or site address
 * @param industry            the industry (and its code), e.g. 电力、热力生产和供应业 D44
 * @param contact             who to contact about the report
 * @param boundary            the accounting boundary: which facilities, processes and sites are included
 * @param plan                the quality-control plan (section 7.3.2)
 * @param meters              the activity-data source list (section 7.3.1)
 */
public record ReportingDetails(String legalRepresentative, String address, String industry, String contact, String boundary,
                               QualityPlan plan, List<Meter> meters) {
    /** A site that gives no details. */
    public static final ReportingDetails NONE = new ReportingDetails("", "", "", "", "", QualityPlan.NONE, List.of());

    public ReportingDetails {
        meters = List.copyOf(meters);
    }

    /** The meter that feeds {@code pointId}, if the registry lists one. */
    public Optional<Meter> meterOf(String pointId) {
        return meters.stream().filter(m -> m.points().contains(pointId)).findFirst();
    }

    /** The meters past their calibration due date on {@code day}. */
    public List<Meter> overdue(LocalDate day) {
        return meters.stream().filter(m -> m.calibrationOverdue(day)).toList();
    }
}
