package io.tanhe.server.site;

import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.server.store.jdbc.Engine;
import io.tanhe.server.store.jdbc.ServerLogin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code store: {engine: sqlite|derby|postgresql, url: …, user: …, password: …, sslmode: …}}. The
 * password is a secret: {@code ConfigNode.isSecret} names it, so it is redacted wherever the site's text
 * is stored or shown, and it appears in no message.
 */
final class StoreReader {
    private static final List<String> SERVER_FIELDS = List.of("url", "user", "password", "sslmode");

    private StoreReader() {
    }

    static StoreChoice read(ConfigNode store) {
        List<String> engines = Arrays.stream(Engine.values()).map(Engine::label).toList();
        String named = store.choice("engine", engines, "");
        if (named.isEmpty()) {
            if (!store.has("engine")) {
                store.problem("engine", "is required: one of " + String.join(", ", engines));
            }
            return StoreChoice.DEFAULT;
        }
        Engine engine = Engine.of(named);
        if (engine != Engine.POSTGRESQL) {
            for (String field : SERVER_FIELDS) {
                if (store.has(field)) {
                    store.problem(field, "only a postgresql store has a " + field + "; " + engine + " keeps its data in"
                            + " the data directory");
                }
            }
            return new StoreChoice(Optional.of(engine), Optional.empty());
        }
        String url = store.text("url");
        if (url.isEmpty()) {
            return StoreChoice.DEFAULT;
        }
        try {
            ServerLogin login = new ServerLogin(url, store.text("user", ""), store.text("password", ""),
                    store.choice("sslmode", List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"), "prefer"));
            return new StoreChoice(Optional.of(engine), Optional.of(login));
        } catch (IllegalArgumentException e) {
            store.problem("url", e.getMessage());
            return StoreChoice.DEFAULT;
        }
    }
}
