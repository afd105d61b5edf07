package io.tanhe.server.hj212.message;

/** Request answer codes of 9011 ({@code QnRtn}, [STD17] Table 7). */
public enum QnRtn {
    READY(1, "ready to execute the request"),
    REJECTED(2, "request rejected"),
    PW_ERROR(3, "wrong password"),
    MN_ERROR(4, "wrong MN"),
    ST_ERROR(5, "wrong ST"),
    FLAG_ERROR(6, "wrong Flag"),
    QN_ERROR(7, "wrong QN"),
    CN_ERROR(8, "wrong or unsupported CN"),
    CRC_ERROR(9, "wrong CRC"),
    UNKNOWN(100, "unknown error");

    private final int code;
    private final String meaning;

    QnRtn(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number written after {@code QnRtn=}. */
    public int code() {
        return code;
    }

    /** What the code means. */
    public String meaning() {
        return meaning;
    }
}
