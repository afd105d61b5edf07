package io.tanhe.server.report;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;

/**
 * One line of a report: an emission source (an emission node and key) with its class and scope, a
 * total, a production quantity (the denominator of an intensity: power supplied, heat supplied) or
 * an intensity (tCO2/MWh); class and scope are null but for sources, the ratio null but for intensities.
 */
public record ReportLine(Kind kind, EmissionClass emissionClass, Scope scope, String label, String title, ResultRow row,
                         Ratio ratio) {

    /** What a line reports. */
    public enum Kind { SOURCE, TOTAL, PRODUCTION, INTENSITY }

    /** A source line. */
    public static ReportLine source(EmissionClass emissionClass, Scope scope, String label, String title, ResultRow row) {
        return new ReportLine(Kind.SOURCE, emissionClass, scope, label, title, row, null);
    }

    /** A total line. */
    public static ReportLine total(String label, String title, ResultRow row) {
        return new ReportLine(Kind.TOTAL, null, null, label, title, row, null);
    }

    public boolean total() {
        return kind == Kind.TOTAL;
    }

    /** The class column of the text formats: the class keyword, or total, production, intensity. */
    public String classText() {
        return kind == Kind.SOURCE ? emissionClass.keyword() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
