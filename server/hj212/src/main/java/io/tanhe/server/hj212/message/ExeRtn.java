package io.tanhe.server.hj212.message;

/** Execution result codes of 9012 ({@code ExeRtn}, [STD17] Table 6). */
public enum ExeRtn {
    SUCCESS(1, "executed successfully"),
    FAILED(2, "execution failed, reason unknown"),
    BAD_CONDITIONS(3, "wrong request conditions"),
    TIMEOUT(4, "communication timeout"),
    BUSY(5, "system busy"),
    SYSTEM_FAULT(6, "system fault"),
    NO_DATA(100, "no data");

    private final int code;
    private final String meaning;

    ExeRtn(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number written after {@code ExeRtn=}. */
    public int code() {
        return code;
    }

    /** What the code means. */
    public String meaning() {
        return meaning;
    }
}
