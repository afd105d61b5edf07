package io.tanhe.server.terminal.lifecycle;

/** A package failed a check; it is refused with this reason and the terminal stays as it was. */
public final class PackageRefusedException extends RuntimeException {
    private final PackageState step;

    /**
     * @param step   the step whose check failed (e.g. {@link PackageState#VERIFIED} for a bad signature)
     * @param reason what failed, where, and what to do
     */
    public PackageRefusedException(PackageState step, String reason) {
        super(reason);
        this.step = step;
    }

    /** The step whose check failed. */
    public PackageState step() {
        return step;
    }
}
