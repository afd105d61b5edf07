package io.tanhe.server.terminal.lifecycle;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a configuration package is in its lifecycle (issue 15). Each is stored in the package's row and each
 * change of state is a line of the activation log, so that a terminal killed at any step knows at its next
 * start what to resume ({@link ConfigLifecycle#resume}).
 *
 * <pre>
 * candidate → verified → compiled → tested → replayed → reviewed      (automatic, on upload)
 *           → staged (effective_from set, by a person) → activating → self-test → active
 * any step before active → refused (with the reason; the terminal is unchanged)
 * activating | self-test | active → rolled-back (self-test failed, or on command)
 * </pre>
 */
public enum PackageState {
    CANDIDATE, VERIFIED, COMPILED, TESTED, REPLAYED, REVIEWED, STAGED, ACTIVATING, SELF_TEST, ACTIVE, ROLLED_BACK, REFUSED;

    /** The states whose package takes part in the terminal's configuration. */
    public static final Set<PackageState> APPLIED = EnumSet.of(ACTIVATING, SELF_TEST, ACTIVE);

    /** The automatic steps after an upload, in order: a package found in one of these at a start resumes from it. */
    public static final Set<PackageState> CHECKING = EnumSet.of(CANDIDATE, VERIFIED, COMPILED, TESTED, REPLAYED);

    /** As stored and shown: lower case with dashes, e.g. {@code self-test}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The state stored as {@code code}. */
    public static PackageState of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no package state `" + code + "`"));
    }
}
