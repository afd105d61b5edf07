package io.tanhe.server.evidence;

import io.tanhe.server.security.identity.DeviceIdentity;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.function.UnaryOperator;

/**
 * Who signs a bundle's manifest: a name, an SM2 public key and the signing itself (SM3withSM2, DER). On a terminal it
 * is the device's identity ({@link #device}).
 */
public record EvidenceSigner(String name, PublicKey publicKey, UnaryOperator<byte[]> sign) {

    /** The terminal's SM2 identity, named after the site. */
    public static EvidenceSigner device(DeviceIdentity identity, String siteId) {
        return new EvidenceSigner("terminal " + siteId, identity.publicKey(), identity.signer()::sign);
    }

    /** The statement a bundle signature covers: the signer's name and the SM3 of the manifest's exact bytes. */
    static byte[] statement(String name, String manifestSm3) {
        return ("tanhe evidence signature 1\nname: " + name + "\nmanifest-sm3: " + manifestSm3 + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
