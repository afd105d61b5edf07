package io.tanhe.drivers.metersim;

/** What a simulated meter does wrong with one reply. */
public enum Fault {
    /** Answers correctly. */
    NONE,
    /** Does not answer at all. */
    SILENT,
    /** Answers with the checksum byte off by one. */
    BAD_CHECKSUM,
    /** Sends random bytes without a frame start, nothing else. */
    GARBAGE_ONLY,
    /** Sends line noise, then the correct reply. */
    NOISE_BEFORE_REPLY,
    /** Sends the first half of the reply, then goes quiet. */
    TRUNCATED,
    /** Sends the first half of the reply, then closes the connection (TCP only). */
    DISCONNECT_MID_FRAME,
    /** Answers with the protocol's error/abnormal reply. */
    ERROR_REPLY,
    /** Echoes the request (as some RS-485 converters do), then answers correctly. */
    ECHO_THEN_REPLY,
    /** Answers correctly but sets the follow-up (more frames) bit, DL/T 645 only. */
    FOLLOW_UP_FLAG,
    /** Answers from another address. */
    WRONG_ADDRESS
}
