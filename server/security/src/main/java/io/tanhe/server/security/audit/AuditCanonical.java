package io.tanhe.server.security.audit;

import io.tanhe.server.security.crypto.Sm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one byte encoding of an entry that its hash covers, and of a checkpoint that a signature covers:
 * a domain tag, then every field as a big-endian length and its UTF-8 bytes (numbers as decimal text),
 * so no two different entries encode alike.
 */
final class AuditCanonical {
    /** The hash a first chain starts from. */
    static final String ZERO_HASH = "0".repeat(64);

    private AuditCanonical() {
    }

    static String entryHash(String prevHash, long seq, int chain, AuditEvent e) {
        byte[] body = encode("tanhe-audit-entry-v1", Long.toString(seq), Integer.toString(chain),
                Long.toString(e.at().toEpochMilli()), e.user(), e.role(), e.source(), e.type(), e.target(),
                e.outcome().name(), e.detail());
        return Sm.hex(Sm.sm3(Sm.unhex(prevHash), body));
    }

    static byte[] checkpoint(long seq, int chain, String entryHash, long atMillis) {
        return encode("tanhe-audit-checkpoint-v1", Long.toString(seq), Integer.toString(chain), entryHash,
                Long.toString(atMillis));
    }

    private static byte[] encode(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
