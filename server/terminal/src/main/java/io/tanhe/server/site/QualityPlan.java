package io.tanhe.server.site;

/**
 * The data-quality control plan of section 7.3.2, as the site states it: printed in the annual report.
 * Each item is free text; an empty one is printed as not stated.
 *
 * @param rules        a) the rules that standardise collecting, processing and reporting the data
 * @param responsible  b) the person responsible for the monitoring system, their tasks and deadlines
 * @param archive      c) the archive: consumption data and vouchers, calibration records, internal checks
 * @param calibration  d) how instruments are maintained and calibrated
 * @param crossChecks  e) cross-checks, graded review and supervision of the data
 */
public record QualityPlan(String rules, String responsible, String archive, String calibration, String crossChecks) {
    /** A plan that states nothing. */
    public static final QualityPlan NONE = new QualityPlan("", "", "", "", "");
}
