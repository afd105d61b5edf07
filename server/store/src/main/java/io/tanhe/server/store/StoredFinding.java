package io.tanhe.server.store;

import io.tanhe.engine.rules.verification.VerificationFinding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A verification finding as the store keeps it (table {@code verification_finding}).
 *
 * @param id      the store's number
 * @param finding what the check found
 * @param foundAt when the terminal last stored it (wall clock)
 */
public record StoredFinding(long id, VerificationFinding finding, Instant foundAt) {

    public StoredFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(foundAt, "foundAt");
    }

    /** Its fields as the API, the CLI and the JSON report show them (a measured value that is not finite as null). */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("check", finding.check());
        m.put("clause", finding.clause());
        m.put("template", finding.template());
        m.put("subject", finding.subject());
        m.put("grain", finding.grain() == null ? null : finding.grain().label());
        m.put("from", finding.from().toString());
        m.put("to", finding.to().toString());
        m.put("measured", Double.isFinite(finding.measured()) ? finding.measured() : null);
        m.put("unit", finding.unit());
        m.put("bound", finding.bound());
        m.put("message", finding.message());
        m.put("rule", finding.rule());
        m.put("foundAt", foundAt.toString());
        return m;
    }
}
