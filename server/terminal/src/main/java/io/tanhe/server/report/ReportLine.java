package io.tanhe.server.report;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;

/**
 * One line of a report: an emission source (an emission node and key) with its class and scope, or
 * a total (class and scope null).
 */
public record ReportLine(EmissionClass emissionClass, Scope scope, String label, String title, ResultRow row) {

    public boolean total() {
        return emissionClass == null;
    }
}
