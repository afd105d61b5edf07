package io.tanhe.engine.factors;

import java.util.List;
import java.util.stream.Collectors;

/** A factor library was built from values that conflict; the message lists every conflict with both values. */
public final class FactorConflictException extends IllegalArgumentException {

    private final transient List<FactorConflict> conflicts;

    public FactorConflictException(List<FactorConflict> conflicts) {
        super(conflicts.size() + " conflicting factor value" + (conflicts.size() == 1 ? "" : "s") + ":\n"
                + conflicts.stream().map(c -> "  - " + c.describe()).collect(Collectors.joining("\n")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<FactorConflict> conflicts() {
        return conflicts;
    }
}
