package io.tanhe.server.security.audit;

import java.util.Optional;

/**
 * What a verification of the audit found.
 *
 * @param entries       entries checked
 * @param checkpoints   signed checkpoints checked
 * @param firstBroken   the number of the first entry that is changed, missing, inserted or out of place
 * @param problem       what is wrong there, in words; empty when intact
 * @param unsignedTail  entries after the last signed checkpoint: a removal of only these cannot be told
 *                      from their never having been written
 * @param chain         the chain checked
 * @param keptFrom      the first entry kept (retention removed older ones)
 */
public record AuditVerification(long entries, int checkpoints, Optional<Long> firstBroken, Optional<String> problem,
                                long unsignedTail, int chain, long keptFrom) {
    public boolean intact() {
        return problem.isEmpty();
    }

    /** One line for the CLI and the log. */
    public String summary() {
        if (intact()) {
            return "audit intact: chain " + chain + ", " + entries + " entries from #" + keptFrom + ", " + checkpoints
                    + " signed checkpoints, " + unsignedTail + " entries after the last checkpoint";
        }
        return "audit BROKEN at entry #" + firstBroken.map(String::valueOf).orElse("?") + ": " + problem.get();
    }
}
