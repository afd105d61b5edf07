package io.tanhe.server.uplink.https;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tanhe.server.uplink.delivery.QueuedUpload;
import io.tanhe.server.uplink.outbox.Upload;
import io.tanhe.server.uplink.outbox.UploadValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON body of an HTTPS batch (docs/uplink.md shows it). The batch key is derived from the keys
 * of its uploads, so a batch that is resent unchanged carries the same key; each upload also carries
 * its own key, by which a receiver suppresses duplicates across differently composed batches.
 */
public final class BatchJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchJson() {
    }

    /** The idempotency key of a batch of these uploads: SHA-256 of their keys, hex. */
    public static String batchKey(List<QueuedUpload> uploads) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (QueuedUpload q : uploads) {
                d.update(q.idempotencyKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) '\n');
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The body for {@code uploads} from terminal {@code terminalId}. */
    public static String body(String terminalId, String batchKey, List<QueuedUpload> uploads) {
        ObjectNode root = JSON.createObjectNode();
        root.put("terminal", terminalId);
        root.put("batch", batchKey);
        ArrayNode list = root.putArray("uploads");
        for (QueuedUpload q : uploads) {
            Upload u = q.upload();
            ObjectNode o = list.addObject();
            o.put("key", q.idempotencyKey());
            o.put("stream", u.stream().key());
            o.put("grain", u.grain().label());
            o.put("period_start", u.periodStart().toString());
            o.put("period_end", u.periodEnd().toString());
            o.put("data_time", u.dataTime().toString());
            o.put("backfill", q.backfill());
            o.put("manual", u.manual());
            ArrayNode values = o.putArray("values");
            for (UploadValue v : u.values()) {
                values.addObject().put("code", v.code()).put("value", v.value()).put("unit", v.unit()).put("flag", v.flag().name());
            }
        }
        return root.toString();
    }
}
