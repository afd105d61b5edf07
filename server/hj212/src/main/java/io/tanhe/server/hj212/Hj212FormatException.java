package io.tanhe.server.hj212;

/**
 * A packet or data segment that does not follow HJ 212: says what is wrong and at which byte offset
 * of the input (0-based, counted from the first {@code #} of the packet). This is the only exception
 * the decoder throws for bad input.
 */
public final class Hj212FormatException extends Exception {
    private final int offset;
    private final String problem;

    /**
     * @param offset  0-based byte offset in the packet where the problem is
     * @param problem what is wrong, in plain words
     */
    public Hj212FormatException(int offset, String problem) {
        super("offset " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** The 0-based byte offset in the packet where the problem is. */
    public int offset() {
        return offset;
    }

    /** What is wrong, without the offset. */
    public String problem() {
        return problem;
    }
}
