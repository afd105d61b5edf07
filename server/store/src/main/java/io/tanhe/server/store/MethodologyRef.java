package io.tanhe.server.store;

/**
 * The methodology a result was computed with, as a verification body needs it to replay the figure.
 *
 * @param id          the methodology identifier, e.g. {@code cn.power-generation}
 * @param version     its version, e.g. {@code 2022.1}
 * @param contentHash the hash of the compiled methodology's source text (hex), which pins the exact file
 */
public record MethodologyRef(String id, String version, String contentHash) {

    public MethodologyRef {
        Limits.required("methodology id", id, Limits.ID);
        Limits.required("methodology version", version, Limits.SHORT);
        Limits.required("methodology content hash", contentHash, Limits.ID);
    }
}
