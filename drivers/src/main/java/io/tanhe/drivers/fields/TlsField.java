package io.tanhe.drivers.fields;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.drivers.tls.TlsSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code tls} object: {@code trust_store}, {@code trust_store_password},
 * {@code key_store}, {@code key_store_password}, {@code store_type} (PKCS12 or JKS). Relative
 * paths resolve against the points file's directory. Files are not opened while loading.
 */
public final class TlsField {
    private TlsField() {
    }

    /** The TLS settings, or {@code null} when the field is absent. */
    public static TlsSettings read(ConfigNode device, ConfigContext ctx) {
        Optional<ConfigNode> tls = device.object("tls");
        if (tls.isEmpty()) {
            return null;
        }
        ConfigNode t = tls.get();
        Path trust = path(t, "trust_store", ctx);
        Path key = path(t, "key_store", ctx);
        return new TlsSettings(trust, t.text("trust_store_password", ""), key, t.text("key_store_password", ""),
                t.choice("store_type", List.of("PKCS12", "JKS"), "PKCS12"));
    }

    private static Path path(ConfigNode node, String field, ConfigContext ctx) {
        String text = node.text(field, "");
        return text.isEmpty() ? null : ctx.baseDirectory().resolve(text);
    }
}
