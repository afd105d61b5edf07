package io.tanhe.server.packages.release;

/** Where an upgrade stands; each is written to {@code upgrade.json} before the step it names is taken. */
public enum Phase {
    /** No upgrade has run. */
    IDLE,
    /** The package was verified; its release folder is being unpacked (a crash here abandons the upgrade). */
    UNPACKING,
    /** The release folder is complete; the switch comes next (a crash here resumes with the switch). */
    STAGED,
    /** The {@code current} link is being switched (a crash here finishes the switch). */
    SWITCHING,
    /** The new release runs and must prove healthy within the window, or it is rolled back. */
    PROBATION,
    /** The new release proved healthy and stays. */
    GOOD,
    /** The {@code current} link is being switched back (a crash here finishes the rollback). */
    ROLLING_BACK,
    /** The previous release is in use again. */
    ROLLED_BACK,
    /** The upgrade stopped before the switch; the release in use never changed. */
    FAILED;

    /** Whether an upgrade is under way (another one is refused until it ends). */
    public boolean active() {
        return this == UNPACKING || this == STAGED || this == SWITCHING || this == PROBATION || this == ROLLING_BACK;
    }
}
